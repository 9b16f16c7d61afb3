using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Continues (or releases) browse results (OPC 10000-4 §5.8.3).</summary>
public sealed record BrowseNextRequest : IServiceRequest, IEncodeable<BrowseNextRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=533).</summary>
    public static readonly NodeId EncodingId = new(0, 533);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>True to only release the continuation points.</summary>
    public bool ReleaseContinuationPoints { get; init; }

    /// <summary>The continuation points.</summary>
    public IReadOnlyList<byte[]?> ContinuationPoints { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteBoolean(ReleaseContinuationPoints);
        encoder.WriteArray(ContinuationPoints, static (e, value) => e.WriteByteString(value));
    }

    /// <summary>Reads the structure.</summary>
    public static BrowseNextRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            ReleaseContinuationPoints = decoder.ReadBoolean(),
            ContinuationPoints = decoder.ReadArray(static d => d.ReadByteString(), "BrowseNextRequest.ContinuationPoints"),
        };
    }
}
