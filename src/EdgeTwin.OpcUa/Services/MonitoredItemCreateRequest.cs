using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A monitored item to create (OPC 10000-4 §5.12.2.2).</summary>
public sealed record MonitoredItemCreateRequest : IEncodeable<MonitoredItemCreateRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=745).</summary>
    public static readonly NodeId EncodingId = new(0, 745);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The attribute to monitor.</summary>
    public ReadValueId ItemToMonitor { get; init; } = new();

    /// <summary>Disabled, sampling or reporting.</summary>
    public MonitoringMode MonitoringMode { get; init; }

    /// <summary>Sampling and queueing.</summary>
    public MonitoringParameters RequestedParameters { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ItemToMonitor);
        encoder.WriteInt32((int)MonitoringMode);
        encoder.WriteEncodeable(RequestedParameters);
    }

    /// <summary>Reads the structure.</summary>
    public static MonitoredItemCreateRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ItemToMonitor = decoder.ReadEncodeable<ReadValueId>(),
            MonitoringMode = decoder.ReadEnum<MonitoringMode>(),
            RequestedParameters = decoder.ReadEncodeable<MonitoringParameters>(),
        };
    }
}
