using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A change of the subscription's state (e.g. it timed out) (OPC 10000-4 §7.25.4).</summary>
public sealed record StatusChangeNotification : IEncodeable<StatusChangeNotification>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=820).</summary>
    public static readonly NodeId EncodingId = new(0, 820);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The new status.</summary>
    public StatusCode Status { get; init; }

    /// <summary>Diagnostics.</summary>
    public DiagnosticInfo? DiagnosticInfo { get; init; }

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(Status);
        encoder.WriteDiagnosticInfo(DiagnosticInfo);
    }

    /// <summary>Reads the structure.</summary>
    public static StatusChangeNotification Decode(BinaryDecoder decoder)
    {
        return new()
        {
            Status = decoder.ReadStatusCode(),
            DiagnosticInfo = decoder.ReadDiagnosticInfo(),
        };
    }
}
