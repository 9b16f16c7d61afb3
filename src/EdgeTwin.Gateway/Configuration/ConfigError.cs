namespace EdgeTwin.Gateway.Configuration;

/// <summary>One configuration error, printed as <c>FILE:LINE:COL: key: message</c>.</summary>
/// <param name="File">The configuration file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Key">Dotted path of the key, e.g. devices[0].points[1].type.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ConfigError(string File, long Line, long Column, string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}

/// <summary>Thrown when a configuration has errors; carries all of them.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
