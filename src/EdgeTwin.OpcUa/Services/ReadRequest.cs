using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Reads attributes of nodes (OPC 10000-4 §5.10.2).</summary>
public sealed record ReadRequest : IServiceRequest, IEncodeable<ReadRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=631).</summary>
    public static readonly NodeId EncodingId = new(0, 631);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>Maximum age in milliseconds of cached values (0 = read from the device).</summary>
    public double MaxAge { get; init; }

    /// <summary>Which timestamps to return.</summary>
    public TimestampsToReturn TimestampsToReturn { get; init; }

    /// <summary>What to read.</summary>
    public IReadOnlyList<ReadValueId> NodesToRead { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteDouble(MaxAge);
        encoder.WriteInt32((int)TimestampsToReturn);
        encoder.WriteEncodeableArray(NodesToRead);
    }

    /// <summary>Reads the structure.</summary>
    public static ReadRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            MaxAge = decoder.ReadDouble(),
            TimestampsToReturn = decoder.ReadEnum<TimestampsToReturn>(),
            NodesToRead = decoder.ReadEncodeableArray<ReadValueId>(),
        };
    }
}
