using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Events of monitored items (OPC 10000-4 §7.25.3).</summary>
public sealed record EventNotificationList : IEncodeable<EventNotificationList>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=916).</summary>
    public static readonly NodeId EncodingId = new(0, 916);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The events.</summary>
    public IReadOnlyList<EventFieldList> Events { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeableArray(Events);
    }

    /// <summary>Reads the structure.</summary>
    public static EventNotificationList Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Events = decoder.ReadEncodeableArray<EventFieldList>(),
        };
    }
}
