using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Closes the secure channel (the server sends no response) (OPC 10000-4 §5.5.3).</summary>
public sealed record CloseSecureChannelRequest : IServiceRequest, IEncodeable<CloseSecureChannelRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=452).</summary>
    public static readonly NodeId EncodingId = new(0, 452);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
    }

    /// <summary>Reads the structure.</summary>
    public static CloseSecureChannelRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
        };
    }
}
