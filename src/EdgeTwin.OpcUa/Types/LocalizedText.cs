namespace EdgeTwin.OpcUa;

/// <summary>Human-readable text with an optional locale (OPC 10000-3 §8.5).</summary>
public readonly record struct LocalizedText(string? Locale, string? Text)
{
    /// <summary>Creates a text without locale.</summary>
    public LocalizedText(string? text)
        : this(null, text)
    {
    }

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
