namespace EdgeTwin.Twin.Expressions;

/// <summary>Kinds of formula tokens.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token of a formula.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Number, int Position);
