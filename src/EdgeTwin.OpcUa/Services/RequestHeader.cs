using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Common parameters of every service request (OPC 10000-4 §7.33).</summary>
public sealed record RequestHeader : IEncodeable<RequestHeader>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=391).</summary>
    public static readonly NodeId EncodingId = new(0, 391);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The secret session token returned by CreateSession (null before a session exists).</summary>
    public NodeId AuthenticationToken { get; init; }

    /// <summary>When the client sent the request.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>A client-chosen handle echoed in the response.</summary>
    public uint RequestHandle { get; init; }

    /// <summary>Bit mask of the diagnostics the server should return.</summary>
    public uint ReturnDiagnostics { get; init; }

    /// <summary>An identifier for audit logs.</summary>
    public string? AuditEntryId { get; init; }

    /// <summary>How long (ms) the client waits for the response; 0 for no timeout.</summary>
    public uint TimeoutHint { get; init; }

    /// <summary>Reserved for future use.</summary>
    public ExtensionObject? AdditionalHeader { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteNodeId(AuthenticationToken);
        encoder.WriteDateTime(Timestamp);
        encoder.WriteUInt32(RequestHandle);
        encoder.WriteUInt32(ReturnDiagnostics);
        encoder.WriteString(AuditEntryId);
        encoder.WriteUInt32(TimeoutHint);
        encoder.WriteExtensionObject(AdditionalHeader);
    }

    /// <summary>Reads the structure.</summary>
    public static RequestHeader Decode(BinaryDecoder decoder)
    {
        return new()
        {
            AuthenticationToken = decoder.ReadNodeId(),
            Timestamp = decoder.ReadDateTime(),
            RequestHandle = decoder.ReadUInt32(),
            ReturnDiagnostics = decoder.ReadUInt32(),
            AuditEntryId = decoder.ReadString(),
            TimeoutHint = decoder.ReadUInt32(),
            AdditionalHeader = decoder.ReadExtensionObject(),
        };
    }
}
