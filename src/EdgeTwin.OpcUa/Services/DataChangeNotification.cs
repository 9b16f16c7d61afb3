using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>Value changes of monitored items (OPC 10000-4 §7.25.2).</summary>
public sealed record DataChangeNotification : IEncodeable<DataChangeNotification>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=811).</summary>
    public static readonly NodeId EncodingId = new(0, 811);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The changes.</summary>
    public IReadOnlyList<MonitoredItemNotification> MonitoredItems { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeableArray(MonitoredItems);
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static DataChangeNotification Decode(BinaryDecoder decoder)
    {
        return new()
        {
            MonitoredItems = decoder.ReadEncodeableList<MonitoredItemNotification>(),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "DataChangeNotification.DiagnosticInfos"),
        };
    }
}
