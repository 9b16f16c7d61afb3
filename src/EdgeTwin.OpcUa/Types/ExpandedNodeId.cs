namespace EdgeTwin.OpcUa;

/// <summary>A NodeId that may name its namespace by URI and live on another server (OPC 10000-4 §7.16).</summary>
public readonly record struct ExpandedNodeId(NodeId NodeId, string? NamespaceUri = null, uint ServerIndex = 0)
{
    /// <summary>True when the NodeId is local (no namespace URI, server index 0).</summary>
    public bool IsLocal => NamespaceUri is null && ServerIndex == 0;

    /// <summary>Wraps a local NodeId.</summary>
    public static implicit operator ExpandedNodeId(NodeId nodeId) => new(nodeId);

    /// <summary>Resolves to a local NodeId using the server's namespace table; null when it is on another server or the URI is unknown.</summary>
    public NodeId? ToNodeId(IReadOnlyList<string>? namespaceTable)
    {
        if (ServerIndex != 0)
        {
            return null;
        }

        if (NamespaceUri is null)
        {
            return NodeId;
        }

        if (namespaceTable is null)
        {
            return null;
        }

        for (var i = 0; i < namespaceTable.Count && i <= ushort.MaxValue; i++)
        {
            if (namespaceTable[i] == NamespaceUri)
            {
                return NodeId.IdType switch
                {
                    NodeIdType.Numeric => new NodeId((ushort)i, NodeId.NumericIdentifier),
                    NodeIdType.String => new NodeId((ushort)i, (string)NodeId.Identifier),
                    NodeIdType.Guid => new NodeId((ushort)i, (Guid)NodeId.Identifier),
                    _ => new NodeId((ushort)i, (byte[])NodeId.Identifier),
                };
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var server = ServerIndex == 0 ? string.Empty : $"svr={ServerIndex};";
        if (NamespaceUri is null)
        {
            return server + NodeId;
        }

        var local = NodeId.ToString();
        var semicolon = local.StartsWith("ns=", StringComparison.Ordinal) ? local.IndexOf(';') + 1 : 0;
        return $"{server}nsu={NamespaceUri};{local[semicolon..]}";
    }
}
