using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Writes attributes of nodes (OPC 10000-4 §5.10.4).</summary>
public sealed record WriteRequest : IServiceRequest, IEncodeable<WriteRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=673).</summary>
    public static readonly NodeId EncodingId = new(0, 673);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>What to write.</summary>
    public IReadOnlyList<WriteValue> NodesToWrite { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteEncodeableArray(NodesToWrite);
    }

    /// <summary>Reads the structure.</summary>
    public static WriteRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            NodesToWrite = decoder.ReadEncodeableArray<WriteValue>(),
        };
    }
}
