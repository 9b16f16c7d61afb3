namespace EdgeTwin.Twin.Expressions;

/// <summary>A formula that cannot be parsed, with the position (0-based character) of the problem.</summary>
public sealed class FormulaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FormulaException(string message, int position)
        : base($"{message} at character {position + 1}")
    {
        Position = position;
    }

    /// <summary>0-based character position in the formula.</summary>
    public int Position { get; }
}
