using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The notification message asked for (OPC 10000-4 §5.13.6).</summary>
public sealed record RepublishResponse : IServiceResponse, IEncodeable<RepublishResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=835).</summary>
    public static readonly NodeId EncodingId = new(0, 835);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The message.</summary>
    public NotificationMessage NotificationMessage { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteEncodeable(NotificationMessage);
    }

    /// <summary>Reads the structure.</summary>
    public static RepublishResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            NotificationMessage = decoder.ReadEncodeable<NotificationMessage>(),
        };
    }
}
