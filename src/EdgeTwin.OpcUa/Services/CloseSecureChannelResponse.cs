using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Defined by the standard but never sent by servers (OPC 10000-4 §5.5.3).</summary>
public sealed record CloseSecureChannelResponse : IServiceResponse, IEncodeable<CloseSecureChannelResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=455).</summary>
    public static readonly NodeId EncodingId = new(0, 455);

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
    public static CloseSecureChannelResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
        };
    }
}
