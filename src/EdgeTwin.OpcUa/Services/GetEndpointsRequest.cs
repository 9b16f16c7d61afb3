using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Asks a server for its endpoints (OPC 10000-4 §5.4.4).</summary>
public sealed record GetEndpointsRequest : IServiceRequest, IEncodeable<GetEndpointsRequest>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=428).</summary>
    public static readonly NodeId EncodingId = new(0, 428);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common request parameters (filled in by the client).</summary>
    public RequestHeader RequestHeader { get; set; } = new();

    /// <summary>The URL the client used to reach the server.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Preferred locales.</summary>
    public IReadOnlyList<string?> LocaleIds { get; init; } = [];

    /// <summary>Transport profiles to filter by.</summary>
    public IReadOnlyList<string?> ProfileUris { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(RequestHeader);
        encoder.WriteString(EndpointUrl);
        encoder.WriteArray(LocaleIds, static (e, value) => e.WriteString(value));
        encoder.WriteArray(ProfileUris, static (e, value) => e.WriteString(value));
    }

    /// <summary>Reads the structure.</summary>
    public static GetEndpointsRequest Decode(BinaryDecoder decoder)
    {
        return new()
        {
            RequestHeader = decoder.ReadEncodeable<RequestHeader>(),
            EndpointUrl = decoder.ReadString(),
            LocaleIds = decoder.ReadArray(static d => d.ReadString(), "GetEndpointsRequest.LocaleIds"),
            ProfileUris = decoder.ReadArray(static d => d.ReadString(), "GetEndpointsRequest.ProfileUris"),
        };
    }
}
