using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The created monitored items (OPC 10000-4 §5.12.2).</summary>
public sealed record CreateMonitoredItemsResponse : IServiceResponse, IEncodeable<CreateMonitoredItemsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=754).</summary>
    public static readonly NodeId EncodingId = new(0, 754);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per item.</summary>
    public IReadOnlyList<MonitoredItemCreateResult> Results { get; init; } = [];

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
    public static CreateMonitoredItemsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadEncodeableArray<MonitoredItemCreateResult>(),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "CreateMonitoredItemsResponse.DiagnosticInfos"),
        };
    }
}
