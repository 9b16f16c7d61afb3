using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The references found (OPC 10000-4 §5.8.2).</summary>
public sealed record BrowseResponse : IServiceResponse, IEncodeable<BrowseResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=530).</summary>
    public static readonly NodeId EncodingId = new(0, 530);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per node.</summary>
    public IReadOnlyList<BrowseResult> Results { get; init; } = [];

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
    public static BrowseResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadEncodeableArray<BrowseResult>(),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "BrowseResponse.DiagnosticInfos"),
        };
    }
}
