using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>When a monitored value counts as changed: trigger and deadband (OPC 10000-4 §7.22.2).</summary>
public sealed record DataChangeFilter : IEncodeable<DataChangeFilter>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=724).</summary>
    public static readonly NodeId EncodingId = new(0, 724);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>Status, status+value, or status+value+timestamp.</summary>
    public DataChangeTrigger Trigger { get; init; }

    /// <summary>0 none, 1 absolute, 2 percent (see DeadbandType).</summary>
    public uint DeadbandType { get; init; }

    /// <summary>The deadband (engineering units, or percent of the EURange).</summary>
    public double DeadbandValue { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteInt32((int)Trigger);
        encoder.WriteUInt32(DeadbandType);
        encoder.WriteDouble(DeadbandValue);
    }

    /// <summary>Reads the structure.</summary>
    public static DataChangeFilter Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Trigger = decoder.ReadEnum<DataChangeTrigger>(),
            DeadbandType = decoder.ReadUInt32(),
            DeadbandValue = decoder.ReadDouble(),
        };
    }
}
