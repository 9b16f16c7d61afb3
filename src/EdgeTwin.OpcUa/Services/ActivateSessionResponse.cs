using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The result of ActivateSession (OPC 10000-4 §5.6.3).</summary>
public sealed record ActivateSessionResponse : IServiceResponse, IEncodeable<ActivateSessionResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=470).</summary>
    public static readonly NodeId EncodingId = new(0, 470);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>A new server nonce for the next ActivateSession.</summary>
    public byte[]? ServerNonce { get; init; }

    /// <summary>Results for the software certificates.</summary>
    public IReadOnlyList<StatusCode> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteByteString(ServerNonce);
        encoder.WriteArray(Results, static (e, value) => e.WriteStatusCode(value));
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static ActivateSessionResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            ServerNonce = decoder.ReadByteString(),
            Results = decoder.ReadArray(static d => d.ReadStatusCode(), "ActivateSessionResponse.Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "ActivateSessionResponse.DiagnosticInfos"),
        };
    }
}
