using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of deleting monitored items (OPC 10000-4 §5.12.6).</summary>
public sealed record DeleteMonitoredItemsResponse : IServiceResponse, IEncodeable<DeleteMonitoredItemsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=784).</summary>
    public static readonly NodeId EncodingId = new(0, 784);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per item.</summary>
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
    public static DeleteMonitoredItemsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadArray(static d => d.ReadStatusCode(), "DeleteMonitoredItemsResponse.Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "DeleteMonitoredItemsResponse.DiagnosticInfos"),
        };
    }
}
