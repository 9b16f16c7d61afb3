namespace EdgeTwin.OpcUa.Browsing;

/// <summary>How far and how much to browse.</summary>
public sealed record BrowseTreeOptions
{
    /// <summary>Levels below the root to browse (0 = the root only).</summary>
    public int Depth { get; init; } = 3;

    /// <summary>Stop after this many nodes (protects against huge address spaces).</summary>
    public int MaxNodes { get; init; } = 10_000;

    /// <summary>Read the data type and current value of variables.</summary>
    public bool ReadValues { get; init; } = true;

    /// <summary>Skip the server's own diagnostic nodes below the Server object (i=2253).</summary>
    public bool SkipServerObject { get; init; } = true;
}
