using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The result of creating a monitored item (OPC 10000-4 §5.12.2.2).</summary>
public sealed record MonitoredItemCreateResult : IEncodeable<MonitoredItemCreateResult>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=748).</summary>
    public static readonly NodeId EncodingId = new(0, 748);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The result.</summary>
    public StatusCode StatusCode { get; init; }

    /// <summary>The server's id of the item.</summary>
    public uint MonitoredItemId { get; init; }

    /// <summary>The sampling interval granted.</summary>
    public double RevisedSamplingInterval { get; init; }

    /// <summary>The queue size granted.</summary>
    public uint RevisedQueueSize { get; init; }

    /// <summary>Filter details, if any.</summary>
    public ExtensionObject? FilterResult { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(StatusCode);
        encoder.WriteUInt32(MonitoredItemId);
        encoder.WriteDouble(RevisedSamplingInterval);
        encoder.WriteUInt32(RevisedQueueSize);
        encoder.WriteExtensionObject(FilterResult);
    }

    /// <summary>Reads the structure.</summary>
    public static MonitoredItemCreateResult Decode(BinaryDecoder decoder)
    {
        return new()
        {
            StatusCode = decoder.ReadStatusCode(),
            MonitoredItemId = decoder.ReadUInt32(),
            RevisedSamplingInterval = decoder.ReadDouble(),
            RevisedQueueSize = decoder.ReadUInt32(),
            FilterResult = decoder.ReadExtensionObject(),
        };
    }
}
