using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The values read (OPC 10000-4 §5.10.2).</summary>
public sealed record ReadResponse : IServiceResponse, IEncodeable<ReadResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=634).</summary>
    public static readonly NodeId EncodingId = new(0, 634);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>One result per node to read.</summary>
    public IReadOnlyList<DataValue> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteArray(Results, static (e, value) => e.WriteDataValue(value));
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static ReadResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Results = decoder.ReadArray(static d => d.ReadDataValue(), "ReadResponse.Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "ReadResponse.DiagnosticInfos"),
        };
    }
}
