using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of deleting subscriptions (OPC 10000-4 §5.13.8).</summary>
public sealed record DeleteSubscriptionsResponse : IServiceResponse, IEncodeable<DeleteSubscriptionsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=850).</summary>
    public static readonly NodeId EncodingId = new(0, 850);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per subscription.</summary>
    public IReadOnlyList<StatusCode> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteArray(Results, static (e, value) => e.WriteStatusCode(value));
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static DeleteSubscriptionsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadArray(static d => d.ReadStatusCode(), "DeleteSubscriptionsResponse.Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "DeleteSubscriptionsResponse.DiagnosticInfos"),
        };
    }
}
