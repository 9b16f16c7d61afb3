namespace EdgeTwin.OpcUa;

/// <summary>
/// Vendor-specific diagnostics for an operation (OPC 10000-4 §7.12). The integer fields index the string table
/// of the response header; -1 means absent.
/// </summary>
public sealed record DiagnosticInfo
{
    /// <summary>Index of the symbolic id in the string table, or -1.</summary>
    public int SymbolicId { get; init; } = -1;

    /// <summary>Index of the namespace URI in the string table, or -1.</summary>
    public int NamespaceUri { get; init; } = -1;

    /// <summary>Index of the locale in the string table, or -1.</summary>
    public int Locale { get; init; } = -1;

    /// <summary>Index of the localized text in the string table, or -1.</summary>
    public int LocalizedText { get; init; } = -1;

    /// <summary>Free text diagnostics.</summary>
    public string? AdditionalInfo { get; init; }

    /// <summary>The status code of an underlying system, when present.</summary>
    public StatusCode? InnerStatusCode { get; init; }

    /// <summary>Diagnostics of the underlying system, when present.</summary>
    public DiagnosticInfo? InnerDiagnosticInfo { get; init; }
}
