using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Closes the session (OPC 10000-4 §5.6.4).</summary>
public sealed record CloseSessionRequest : IServiceRequest, IEncodeable<CloseSessionRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=473).</summary>
    public static readonly NodeId EncodingId = new(0, 473);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>Delete the session's subscriptions too.</summary>
    public bool DeleteSubscriptions { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteBoolean(DeleteSubscriptions);
    }

    /// <summary>Reads the structure.</summary>
    public static CloseSessionRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            DeleteSubscriptions = decoder.ReadBoolean(),
        };
    }
}
