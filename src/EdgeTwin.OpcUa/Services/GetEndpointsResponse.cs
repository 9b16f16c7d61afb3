using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The server's endpoints (OPC 10000-4 §5.4.4).</summary>
public sealed record GetEndpointsResponse : IServiceResponse, IEncodeable<GetEndpointsResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=431).</summary>
    public static readonly NodeId EncodingId = new(0, 431);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The endpoints.</summary>
    public IReadOnlyList<EndpointDescription> Endpoints { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteEncodeableArray(Endpoints);
    }

    /// <summary>Reads the structure.</summary>
    public static GetEndpointsResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            Endpoints = decoder.ReadEncodeableArray<EndpointDescription>(),
        };
    }
}
