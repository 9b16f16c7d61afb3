using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>One numbered message of a subscription (OPC 10000-4 §7.24).</summary>
public sealed record NotificationMessage : IEncodeable<NotificationMessage>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=805).</summary>
    public static readonly NodeId EncodingId = new(0, 805);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The message's sequence number.</summary>
    public uint SequenceNumber { get; init; }

    /// <summary>When the message was sent.</summary>
    public DateTime PublishTime { get; init; }

    /// <summary>DataChangeNotification, EventNotificationList or StatusChangeNotification; empty for a keep-alive.</summary>
    public IReadOnlyList<ExtensionObject?> NotificationData { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(SequenceNumber);
        encoder.WriteDateTime(PublishTime);
        encoder.WriteArray(NotificationData, static (e, value) => e.WriteExtensionObject(value));
    }

    /// <summary>Reads the structure.</summary>
    public static NotificationMessage Decode(BinaryDecoder decoder)
    {
        return new()
        {
            SequenceNumber = decoder.ReadUInt32(),
            PublishTime = decoder.ReadDateTime(),
            NotificationData = decoder.ReadArray(static d => d.ReadExtensionObject(), "NotificationMessage.NotificationData"),
        };
    }
}
