using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The resolved paths (OPC 10000-4 §5.8.4).</summary>
public sealed record TranslateBrowsePathsToNodeIdsResponse : IServiceResponse, IEncodeable<TranslateBrowsePathsToNodeIdsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=557).</summary>
    public static readonly NodeId EncodingId = new(0, 557);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per path.</summary>
    public IReadOnlyList<BrowsePathResult> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteEncodeableArray(Results);
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static TranslateBrowsePathsToNodeIdsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadEncodeableArray<BrowsePathResult>(),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "TranslateBrowsePathsToNodeIdsResponse.DiagnosticInfos"),
        };
    }
}
