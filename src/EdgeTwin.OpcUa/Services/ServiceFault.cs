using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Returned instead of the expected response when a service fails as a whole (OPC 10000-4 §7.35).</summary>
public sealed record ServiceFault : IServiceResponse, IEncodeable<ServiceFault>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=397).</summary>
    public static readonly NodeId EncodingId = new(0, 397);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
    }

    /// <summary>Reads the structure.</summary>
    public static ServiceFault Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
        };
    }
}
