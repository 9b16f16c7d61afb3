using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>How a monitored item samples and queues (OPC 10000-4 §7.21).</summary>
public sealed record MonitoringParameters : IEncodeable<MonitoringParameters>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=742).</summary>
    public static readonly NodeId EncodingId = new(0, 742);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The client's handle, returned with every notification.</summary>
    public uint ClientHandle { get; init; }

    /// <summary>Sampling interval in milliseconds (-1 = publishing interval).</summary>
    public double SamplingInterval { get; init; }

    /// <summary>A DataChangeFilter, or null.</summary>
    public ExtensionObject? Filter { get; init; }

    /// <summary>Notifications kept between publishes.</summary>
    public uint QueueSize { get; init; }

    /// <summary>Drop the oldest notification when the queue is full.</summary>
    public bool DiscardOldest { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteUInt32(ClientHandle);
        encoder.WriteDouble(SamplingInterval);
        encoder.WriteExtensionObject(Filter);
        encoder.WriteUInt32(QueueSize);
        encoder.WriteBoolean(DiscardOldest);
    }

    /// <summary>Reads the structure.</summary>
    public static MonitoringParameters Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ClientHandle = decoder.ReadUInt32(),
            SamplingInterval = decoder.ReadDouble(),
            Filter = decoder.ReadExtensionObject(),
            QueueSize = decoder.ReadUInt32(),
            DiscardOldest = decoder.ReadBoolean(),
        };
    }
}
