namespace EdgeTwin.OpcUa.Services;

/// <summary>NodeIds in namespace 0 that the client uses (OPC 10000-6 Annex A.3).</summary>
public static class WellKnownNodeIds
{
    /// <summary>The Root folder.</summary>
    public static NodeId RootFolder => new(0, 84);

    /// <summary>The Objects folder.</summary>
    public static NodeId ObjectsFolder => new(0, 85);

    /// <summary>The Server object.</summary>
    public static NodeId Server => new(0, 2253);

    /// <summary>Server.NamespaceArray.</summary>
    public static NodeId ServerNamespaceArray => new(0, 2255);

    /// <summary>Server.ServerStatus.State.</summary>
    public static NodeId ServerStatusState => new(0, 2259);

    /// <summary>Server.ServerStatus.CurrentTime (read as keep-alive).</summary>
    public static NodeId ServerStatusCurrentTime => new(0, 2258);

    /// <summary>Server.ServerDiagnostics.ServerDiagnosticsSummary.CurrentSessionCount.</summary>
    public static NodeId CurrentSessionCount => new(0, 2277);

    /// <summary>OperationLimits.MaxNodesPerRead.</summary>
    public static NodeId MaxNodesPerRead => new(0, 11705);

    /// <summary>OperationLimits.MaxNodesPerWrite.</summary>
    public static NodeId MaxNodesPerWrite => new(0, 11707);

    /// <summary>OperationLimits.MaxNodesPerBrowse.</summary>
    public static NodeId MaxNodesPerBrowse => new(0, 11710);

    /// <summary>OperationLimits.MaxNodesPerTranslateBrowsePathsToNodeIds.</summary>
    public static NodeId MaxNodesPerTranslateBrowsePathsToNodeIds => new(0, 11712);

    /// <summary>OperationLimits.MaxMonitoredItemsPerCall.</summary>
    public static NodeId MaxMonitoredItemsPerCall => new(0, 11714);

    /// <summary>The References reference type (all references).</summary>
    public static NodeId References => new(0, 31);

    /// <summary>The HierarchicalReferences reference type.</summary>
    public static NodeId HierarchicalReferences => new(0, 33);

    /// <summary>The HasTypeDefinition reference type.</summary>
    public static NodeId HasTypeDefinition => new(0, 40);
}
