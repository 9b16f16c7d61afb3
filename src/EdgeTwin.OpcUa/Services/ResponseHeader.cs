using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Common parameters of every service response (OPC 10000-4 §7.34).</summary>
public sealed record ResponseHeader : IEncodeable<ResponseHeader>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=394).</summary>
    public static readonly NodeId EncodingId = new(0, 394);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>When the server sent the response.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>The handle of the request.</summary>
    public uint RequestHandle { get; init; }

    /// <summary>The result of the service call as a whole.</summary>
    public StatusCode ServiceResult { get; init; }

    /// <summary>Diagnostics for the service result.</summary>
    public DiagnosticInfo? ServiceDiagnostics { get; init; }

    /// <summary>Strings that DiagnosticInfo fields index into.</summary>
    public IReadOnlyList<string?> StringTable { get; init; } = [];

    /// <summary>Reserved for future use.</summary>
    public ExtensionObject? AdditionalHeader { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteDateTime(Timestamp);
        encoder.WriteUInt32(RequestHandle);
        encoder.WriteStatusCode(ServiceResult);
        encoder.WriteDiagnosticInfo(ServiceDiagnostics);
        encoder.WriteArray(StringTable, static (e, value) => e.WriteString(value));
        encoder.WriteExtensionObject(AdditionalHeader);
    }

    /// <summary>Reads the structure.</summary>
    public static ResponseHeader Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Timestamp = decoder.ReadDateTime(),
            RequestHandle = decoder.ReadUInt32(),
            ServiceResult = decoder.ReadStatusCode(),
            ServiceDiagnostics = decoder.ReadDiagnosticInfo(),
            StringTable = decoder.ReadArray(static d => d.ReadString(), "ResponseHeader.StringTable"),
            AdditionalHeader = decoder.ReadExtensionObject(),
        };
    }
}
