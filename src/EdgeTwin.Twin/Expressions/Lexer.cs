using System.Globalization;

namespace EdgeTwin.Twin.Expressions;

/// <summary>Splits a formula into tokens.</summary>
internal static class Lexer
{
    /// <summary>Longest formula accepted (formulas come from configuration and commands).</summary>
    public const int MaxLength = 4096;

    private static readonly string[] Operators = ["<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "^", "<", ">", "!", "%"];

    public static List<Token> Tokenize(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new FormulaException($"formula longer than {MaxLength} characters", MaxLength);
        }

        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    i++;
                    if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                    {
                        i++;
                    }

                    while (i < text.Length && char.IsDigit(text[i]))
                    {
                        i++;
                    }
                }

                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new FormulaException($"'{literal}' is not a number", start);
                }

                tokens.Add(new Token(TokenKind.Number, literal, number, start));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                // A dot between two name parts belongs to the name: "chiller1.temperature" addresses one asset's property.
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'
                    || (text[i] == '.' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], 0, start));
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", 0, i++));
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", 0, i++));
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", 0, i++));
                    continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
            {
                throw new FormulaException($"unexpected character '{c}'", i);
            }

            tokens.Add(new Token(TokenKind.Operator, op, 0, i));
            i += op.Length;
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, 0, text.Length));
        return tokens;
    }
}
