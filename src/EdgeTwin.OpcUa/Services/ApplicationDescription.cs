using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Describes an OPC UA application (OPC 10000-4 §7.2).</summary>
public sealed record ApplicationDescription : IEncodeable<ApplicationDescription>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=310).</summary>
    public static readonly NodeId EncodingId = new(0, 310);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The globally unique application URI.</summary>
    public string? ApplicationUri { get; init; }

    /// <summary>The product URI.</summary>
    public string? ProductUri { get; init; }

    /// <summary>A readable name.</summary>
    public LocalizedText ApplicationName { get; init; }

    /// <summary>Server, client or both.</summary>
    public ApplicationType ApplicationType { get; init; }

    /// <summary>Gateway server URI, if any.</summary>
    public string? GatewayServerUri { get; init; }

    /// <summary>Discovery profile URI, if any.</summary>
    public string? DiscoveryProfileUri { get; init; }

    /// <summary>URLs of the discovery endpoints.</summary>
    public IReadOnlyList<string?> DiscoveryUrls { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteString(ApplicationUri);
        encoder.WriteString(ProductUri);
        encoder.WriteLocalizedText(ApplicationName);
        encoder.WriteInt32((int)ApplicationType);
        encoder.WriteString(GatewayServerUri);
        encoder.WriteString(DiscoveryProfileUri);
        encoder.WriteArray(DiscoveryUrls, static (e, value) => e.WriteString(value));
    }

    /// <summary>Reads the structure.</summary>
    public static ApplicationDescription Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ApplicationUri = decoder.ReadString(),
            ProductUri = decoder.ReadString(),
            ApplicationName = decoder.ReadLocalizedText(),
            ApplicationType = decoder.ReadEnum<ApplicationType>(),
            GatewayServerUri = decoder.ReadString(),
            DiscoveryProfileUri = decoder.ReadString(),
            DiscoveryUrls = decoder.ReadArray(static d => d.ReadString(), "ApplicationDescription.DiscoveryUrls"),
        };
    }
}
