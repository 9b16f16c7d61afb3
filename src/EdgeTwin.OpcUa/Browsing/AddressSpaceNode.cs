using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Browsing;

/// <summary>A node of a browsed address-space tree, with its data type and current value for variables.</summary>
public sealed record AddressSpaceNode
{
    /// <summary>The node id.</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The browse name.</summary>
    public QualifiedName BrowseName { get; init; }

    /// <summary>The display name.</summary>
    public LocalizedText DisplayName { get; init; }

    /// <summary>The node class.</summary>
    public NodeClass NodeClass { get; init; }

    /// <summary>The data type of a variable, if read.</summary>
    public NodeId? DataType { get; init; }

    /// <summary>The data type's name (e.g. Double), if known.</summary>
    public string? DataTypeName { get; init; }

    /// <summary>The current value of a variable, if read.</summary>
    public DataValue? Value { get; init; }

    /// <summary>The children (empty at the depth limit, or for leaves).</summary>
    public IReadOnlyList<AddressSpaceNode> Children { get; init; } = [];

    /// <summary>True when the node has children that were not browsed because of the depth or node limit.</summary>
    public bool Truncated { get; init; }

    /// <summary>A Bad status when browsing this node's children failed.</summary>
    public StatusCode? BrowseStatus { get; init; }

    /// <summary>This node and all its descendants, depth first.</summary>
    public IEnumerable<AddressSpaceNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}
