using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of deleting subscriptions (OPC 10000-4 §5.13.8). One result per subscription.</summary>
public sealed record DeleteSubscriptionsResponse : ResultsResponse<StatusCode, StatusCodeElement>, IEncodeable<DeleteSubscriptionsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=850).</summary>
    public static readonly NodeId EncodingId = new(0, 850);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static DeleteSubscriptionsResponse Decode(BinaryDecoder decoder) => DecodeAs<DeleteSubscriptionsResponse>(decoder);
}
