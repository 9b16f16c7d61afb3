using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A new value of one monitored item (OPC 10000-4 §7.25.2); a value type, so a notification array is one object.</summary>
public readonly record struct MonitoredItemNotification : IEncodeable<MonitoredItemNotification>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=808).</summary>
    public static readonly NodeId EncodingId = new(0, 808);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The item's client handle.</summary>
    public uint ClientHandle { get; init; }

    /// <summary>The value.</summary>
    public DataValue Value { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ClientHandle);
        encoder.WriteDataValue(Value);
    }

    /// <summary>Reads the structure.</summary>
    public static MonitoredItemNotification Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ClientHandle = decoder.ReadUInt32(),
            Value = decoder.ReadDataValue(),
        };
    }
}
