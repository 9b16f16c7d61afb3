using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The result of CloseSession (OPC 10000-4 §5.6.4).</summary>
public sealed record CloseSessionResponse : IServiceResponse, IEncodeable<CloseSessionResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=476).</summary>
    public static readonly NodeId EncodingId = new(0, 476);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
    }

    /// <summary>Reads the structure.</summary>
    public static CloseSessionResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
        };
    }
}
