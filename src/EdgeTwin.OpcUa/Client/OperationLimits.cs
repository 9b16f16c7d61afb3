namespace EdgeTwin.OpcUa.Client;

/// <summary>The server's per-call operation limits (OPC 10000-5 §6.3.11); 0 means no limit.</summary>
public sealed record OperationLimits
{
    /// <summary>Most nodes per Read.</summary>
    public uint MaxNodesPerRead { get; init; }

    /// <summary>Most nodes per Write.</summary>
    public uint MaxNodesPerWrite { get; init; }

    /// <summary>Most nodes per Browse.</summary>
    public uint MaxNodesPerBrowse { get; init; }

    /// <summary>Most browse paths per TranslateBrowsePathsToNodeIds.</summary>
    public uint MaxNodesPerTranslateBrowsePathsToNodeIds { get; init; }

    /// <summary>Most monitored items per Create/Delete call.</summary>
    public uint MaxMonitoredItemsPerCall { get; init; }
}
