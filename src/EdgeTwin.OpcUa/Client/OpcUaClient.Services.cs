using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Client;

public sealed partial class OpcUaClient
{
    /// <summary>Reads attributes, split into batches that respect the server's MaxNodesPerRead; one result per item, in order.</summary>
    public async Task<IReadOnlyList<DataValue>> ReadAsync(IReadOnlyList<ReadValueId> nodesToRead, TimestampsToReturn timestamps = TimestampsToReturn.Both, double maxAge = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodesToRead);
        var results = new List<DataValue>(nodesToRead.Count);
        foreach (var batch in Batches(nodesToRead, BatchSize(OperationLimits.MaxNodesPerRead)))
        {
            var response = await SendAsync<ReadResponse>(new ReadRequest { NodesToRead = batch, TimestampsToReturn = timestamps, MaxAge = maxAge }, cancellationToken: cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Count, batch.Length, "Read");
            results.AddRange(response.Results);
        }

        return results;
    }

    /// <summary>Reads the Value attribute of one node.</summary>
    public async Task<DataValue> ReadValueAsync(NodeId nodeId, CancellationToken cancellationToken = default)
    {
        var results = await ReadAsync([new ReadValueId { NodeId = nodeId, AttributeId = AttributeIds.Value }], cancellationToken: cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Writes attributes in batches that respect MaxNodesPerWrite; one status per item, in order.</summary>
    public async Task<IReadOnlyList<StatusCode>> WriteAsync(IReadOnlyList<WriteValue> nodesToWrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodesToWrite);
        var results = new List<StatusCode>(nodesToWrite.Count);
        foreach (var batch in Batches(nodesToWrite, BatchSize(OperationLimits.MaxNodesPerWrite)))
        {
            var response = await SendAsync<WriteResponse>(new WriteRequest { NodesToWrite = batch }, cancellationToken: cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Count, batch.Length, "Write");
            results.AddRange(response.Results);
        }

        return results;
    }

    /// <summary>Writes the Value attribute of one node.</summary>
    public async Task<StatusCode> WriteValueAsync(NodeId nodeId, Variant value, CancellationToken cancellationToken = default)
    {
        var results = await WriteAsync([new WriteValue { NodeId = nodeId, AttributeId = AttributeIds.Value, Value = new DataValue(value) }], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Browses nodes in batches that respect MaxNodesPerBrowse, following continuation points with BrowseNext so each
    /// result holds all references of its node.
    /// </summary>
    public async Task<IReadOnlyList<BrowseResult>> BrowseAsync(IReadOnlyList<BrowseDescription> nodesToBrowse, uint maxReferencesPerNode = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodesToBrowse);
        var results = new List<BrowseResult>(nodesToBrowse.Count);
        foreach (var batch in Batches(nodesToBrowse, BatchSize(OperationLimits.MaxNodesPerBrowse)))
        {
            var response = await SendAsync<BrowseResponse>(new BrowseRequest { NodesToBrowse = batch, RequestedMaxReferencesPerNode = maxReferencesPerNode }, cancellationToken: cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Count, batch.Length, "Browse");
            foreach (var result in response.Results)
            {
                results.Add(await BrowseRemainingAsync(result, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>Browses the forward hierarchical references of one node (all node classes).</summary>
    public async Task<IReadOnlyList<ReferenceDescription>> BrowseAsync(NodeId nodeId, CancellationToken cancellationToken = default)
    {
        var results = await BrowseAsync(
            [
                new BrowseDescription
                {
                    NodeId = nodeId,
                    BrowseDirection = BrowseDirection.Forward,
                    ReferenceTypeId = WellKnownNodeIds.HierarchicalReferences,
                    IncludeSubtypes = true,
                    ResultMask = 63,
                },
            ],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (results[0].StatusCode.IsBad)
        {
            throw new OpcUaException(results[0].StatusCode, $"Browsing {nodeId} failed");
        }

        return results[0].References;
    }

    /// <summary>Continues browse results with BrowseNext (or releases the continuation points).</summary>
    public async Task<IReadOnlyList<BrowseResult>> BrowseNextAsync(IReadOnlyList<byte[]?> continuationPoints, bool releaseContinuationPoints = false, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<BrowseNextResponse>(new BrowseNextRequest
        {
            ContinuationPoints = continuationPoints,
            ReleaseContinuationPoints = releaseContinuationPoints,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        CheckCount(response.Results.Count, continuationPoints.Count, "BrowseNext");
        return response.Results;
    }

    /// <summary>Resolves browse paths to NodeIds, in batches that respect the server's limit.</summary>
    public async Task<IReadOnlyList<BrowsePathResult>> TranslateBrowsePathsToNodeIdsAsync(IReadOnlyList<BrowsePath> browsePaths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browsePaths);
        var results = new List<BrowsePathResult>(browsePaths.Count);
        foreach (var batch in Batches(browsePaths, BatchSize(OperationLimits.MaxNodesPerTranslateBrowsePathsToNodeIds)))
        {
            var response = await SendAsync<TranslateBrowsePathsToNodeIdsResponse>(new TranslateBrowsePathsToNodeIdsRequest { BrowsePaths = batch }, cancellationToken: cancellationToken).ConfigureAwait(false);
            CheckCount(response.Results.Count, batch.Length, "TranslateBrowsePathsToNodeIds");
            results.AddRange(response.Results);
        }

        return results;
    }

    /// <summary>Resolves a path of browse names (e.g. <c>["1:Plant", "1:Temperature"]</c>) below a starting node.</summary>
    public async Task<NodeId> TranslateBrowsePathAsync(NodeId startingNode, IReadOnlyList<QualifiedName> path, CancellationToken cancellationToken = default)
    {
        var results = await TranslateBrowsePathsToNodeIdsAsync(
            [
                new BrowsePath
                {
                    StartingNode = startingNode,
                    RelativePath = new RelativePath
                    {
                        Elements = path.Select(name => new RelativePathElement { ReferenceTypeId = WellKnownNodeIds.HierarchicalReferences, IncludeSubtypes = true, TargetName = name }).ToArray(),
                    },
                },
            ],
            cancellationToken).ConfigureAwait(false);
        var result = results[0];
        if (result.StatusCode.IsBad || result.Targets.Count == 0)
        {
            throw new OpcUaException(result.StatusCode.IsBad ? result.StatusCode : new StatusCode(StatusCodes.BadNoMatch), $"Path {string.Join("/", path)} from {startingNode} not found");
        }

        return result.Targets[0].TargetId.ToNodeId(NamespaceUris) ?? throw new OpcUaException(StatusCodes.BadNodeIdUnknown, "The path leads to a node on another server.");
    }

    private async Task<BrowseResult> BrowseRemainingAsync(BrowseResult result, CancellationToken cancellationToken)
    {
        if (result.ContinuationPoint is not { Length: > 0 } || result.StatusCode.IsBad)
        {
            return result;
        }

        var references = new List<ReferenceDescription>(result.References);
        var continuation = result.ContinuationPoint;
        var status = result.StatusCode;
        for (var round = 0; continuation is { Length: > 0 }; round++)
        {
            if (round >= 10_000)
            {
                await BrowseNextAsync([continuation], releaseContinuationPoints: true, cancellationToken).ConfigureAwait(false);
                throw new OpcUaException(StatusCodes.BadTooManyOperations, "BrowseNext did not finish after 10,000 rounds.");
            }

            var next = (await BrowseNextAsync([continuation], cancellationToken: cancellationToken).ConfigureAwait(false))[0];
            status = next.StatusCode;
            if (status.IsBad)
            {
                break;
            }

            references.AddRange(next.References);
            continuation = next.ContinuationPoint;
        }

        return new BrowseResult { StatusCode = status, References = references };
    }

    /// <summary>The batch size for a service: the smaller non-zero of the server's limit and the client's cap.</summary>
    internal int BatchSize(uint serverLimit)
    {
        var size = serverLimit == 0 ? int.MaxValue : (int)Math.Min(serverLimit, int.MaxValue);
        return _options.MaxNodesPerCall > 0 ? Math.Min(size, _options.MaxNodesPerCall) : size;
    }

    private static IEnumerable<T[]> Batches<T>(IReadOnlyList<T> items, int size)
    {
        for (var offset = 0; offset < items.Count; offset += size)
        {
            var count = Math.Min(size, items.Count - offset);
            var batch = new T[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = items[offset + i];
            }

            yield return batch;
        }
    }

    private static void CheckCount(int actual, int expected, string service)
    {
        if (actual != expected)
        {
            throw new OpcUaException(StatusCodes.BadUnexpectedError, $"{service} returned {actual} results for {expected} items.");
        }
    }
}
