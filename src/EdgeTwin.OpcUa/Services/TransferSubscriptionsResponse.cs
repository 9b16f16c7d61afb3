using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The results of the transfer (OPC 10000-4 §5.13.7). One result per subscription.</summary>
public sealed record TransferSubscriptionsResponse : ResultsResponse<TransferResult, EncodeableElement<TransferResult>>, IEncodeable<TransferSubscriptionsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=844).</summary>
    public static readonly NodeId EncodingId = new(0, 844);

    /// <inheritdoc />
    public override NodeId BinaryEncodingId => EncodingId;

    /// <summary>Reads the structure.</summary>
    public static TransferSubscriptionsResponse Decode(BinaryDecoder decoder) => DecodeAs<TransferSubscriptionsResponse>(decoder);
}
