using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of the transfer (OPC 10000-4 §5.13.7).</summary>
public sealed record TransferSubscriptionsResponse : IServiceResponse, IEncodeable<TransferSubscriptionsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=844).</summary>
    public static readonly NodeId EncodingId = new(0, 844);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per subscription.</summary>
    public IReadOnlyList<TransferResult> Results { get; init; } = [];

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
    public static TransferSubscriptionsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadEncodeableArray<TransferResult>(),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "TransferSubscriptionsResponse.DiagnosticInfos"),
        };
    }
}
