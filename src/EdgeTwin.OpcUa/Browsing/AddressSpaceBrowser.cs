using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Browsing;

/// <summary>
/// Browses an address space as a tree for technicians: level by level (one batched Browse per level, following
/// continuation points), then one batched Read for the data types and values of all variables found.
/// </summary>
public sealed class AddressSpaceBrowser
{
    private readonly OpcUaClient _client;
    private readonly Dictionary<NodeId, string> _dataTypeNames = [];

    /// <summary>Creates a browser on a connected client.</summary>
    public AddressSpaceBrowser(OpcUaClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <summary>Browses the tree below <paramref name="root"/> (default: the Objects folder).</summary>
    public async Task<AddressSpaceNode> BrowseTreeAsync(NodeId? root = null, BrowseTreeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BrowseTreeOptions();
        var rootId = root ?? WellKnownNodeIds.ObjectsFolder;
        var rootInfo = await ReadNodeInfoAsync(rootId, cancellationToken).ConfigureAwait(false);
        var nodes = new Dictionary<NodeId, Builder> { [rootId] = rootInfo };
        var level = new List<Builder> { rootInfo };
        var count = 1;
        for (var depth = 0; depth < options.Depth && level.Count > 0; depth++)
        {
            var toBrowse = level.Where(b => !(options.SkipServerObject && b.NodeId == WellKnownNodeIds.Server && b != rootInfo)).ToList();
            var results = await _client.BrowseAsync(toBrowse.Select(b => new BrowseDescription
            {
                NodeId = b.NodeId,
                BrowseDirection = BrowseDirection.Forward,
                ReferenceTypeId = WellKnownNodeIds.HierarchicalReferences,
                IncludeSubtypes = true,
                ResultMask = 63,
            }).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);

            var next = new List<Builder>();
            for (var i = 0; i < toBrowse.Count; i++)
            {
                var parent = toBrowse[i];
                if (results[i].StatusCode.IsBad)
                {
                    parent.BrowseStatus = results[i].StatusCode;
                    continue;
                }

                foreach (var reference in results[i].References.OrderBy(r => r.BrowseName.Name, StringComparer.Ordinal))
                {
                    var childId = reference.NodeId.ToNodeId(_client.NamespaceUris);
                    if (childId is null || nodes.ContainsKey(childId.Value))
                    {
                        continue;
                    }

                    if (count >= options.MaxNodes)
                    {
                        parent.Truncated = true;
                        break;
                    }

                    var child = new Builder(childId.Value) { BrowseName = reference.BrowseName, DisplayName = reference.DisplayName, NodeClass = reference.NodeClass };
                    nodes[child.NodeId] = child;
                    parent.Children.Add(child);
                    next.Add(child);
                    count++;
                }
            }

            level = next;
        }

        foreach (var leaf in level)
        {
            leaf.Truncated = leaf.NodeClass is NodeClass.Object or NodeClass.View;
        }

        if (options.ReadValues)
        {
            await ReadVariablesAsync(nodes.Values.Where(n => n.NodeClass is NodeClass.Variable).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return rootInfo.Build();
    }

    private async Task<Builder> ReadNodeInfoAsync(NodeId nodeId, CancellationToken cancellationToken)
    {
        var values = await _client.ReadAsync(
            [
                new ReadValueId { NodeId = nodeId, AttributeId = AttributeIds.BrowseName },
                new ReadValueId { NodeId = nodeId, AttributeId = AttributeIds.DisplayName },
                new ReadValueId { NodeId = nodeId, AttributeId = AttributeIds.NodeClass },
            ],
            TimestampsToReturn.Neither,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (values[0].StatusCode.IsBad)
        {
            throw new OpcUaException(values[0].StatusCode, $"Node {nodeId} cannot be browsed");
        }

        return new Builder(nodeId)
        {
            BrowseName = values[0].Value.Value is QualifiedName name ? name : default,
            DisplayName = values[1].Value.Value is LocalizedText text ? text : default,
            NodeClass = values[2].Value.Value is int nodeClass ? (NodeClass)nodeClass : NodeClass.Unspecified,
        };
    }

    private async Task ReadVariablesAsync(List<Builder> variables, CancellationToken cancellationToken)
    {
        if (variables.Count == 0)
        {
            return;
        }

        var reads = variables.SelectMany(v => new[]
        {
            new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.DataType },
            new ReadValueId { NodeId = v.NodeId, AttributeId = AttributeIds.Value },
        }).ToArray();
        var results = await _client.ReadAsync(reads, TimestampsToReturn.Source, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < variables.Count; i++)
        {
            variables[i].DataType = results[2 * i].Value.Value is NodeId type ? type : null;
            variables[i].Value = results[(2 * i) + 1];
        }

        await ResolveDataTypeNamesAsync(variables, cancellationToken).ConfigureAwait(false);
    }

    private async Task ResolveDataTypeNamesAsync(List<Builder> variables, CancellationToken cancellationToken)
    {
        var unknown = variables.Where(v => v.DataType is { } t && !_dataTypeNames.ContainsKey(t) && BuiltInTypes.FromDataTypeId(t) is null)
            .Select(v => v.DataType!.Value).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var names = await _client.ReadAsync(unknown.Select(t => new ReadValueId { NodeId = t, AttributeId = AttributeIds.BrowseName }).ToArray(), TimestampsToReturn.Neither, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < unknown.Count; i++)
            {
                _dataTypeNames[unknown[i]] = names[i].Value.Value is QualifiedName name ? name.Name ?? unknown[i].ToString() : unknown[i].ToString();
            }
        }

        foreach (var variable in variables)
        {
            if (variable.DataType is { } type)
            {
                variable.DataTypeName = BuiltInTypes.FromDataTypeId(type)?.ToString() ?? _dataTypeNames.GetValueOrDefault(type);
            }
        }
    }

    private sealed class Builder(NodeId nodeId)
    {
        public NodeId NodeId { get; } = nodeId;

        public QualifiedName BrowseName { get; init; }

        public LocalizedText DisplayName { get; init; }

        public NodeClass NodeClass { get; init; }

        public NodeId? DataType { get; set; }

        public string? DataTypeName { get; set; }

        public DataValue? Value { get; set; }

        public bool Truncated { get; set; }

        public StatusCode? BrowseStatus { get; set; }

        public List<Builder> Children { get; } = [];

        public AddressSpaceNode Build() => new()
        {
            NodeId = NodeId,
            BrowseName = BrowseName,
            DisplayName = DisplayName,
            NodeClass = NodeClass,
            DataType = DataType,
            DataTypeName = DataTypeName,
            Value = Value,
            Truncated = Truncated,
            BrowseStatus = BrowseStatus,
            Children = Children.Select(c => c.Build()).ToArray(),
        };
    }
}
