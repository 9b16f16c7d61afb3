namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>A decoded Sparkplug B payload (the fields EdgeTwin uses; others are skipped).</summary>
/// <param name="Timestamp">Payload timestamp, ms since the Unix epoch.</param>
/// <param name="Seq">Sequence number.</param>
/// <param name="Metrics">Metrics in payload order.</param>
public sealed record SparkplugPayload(ulong? Timestamp, ulong? Seq, IReadOnlyList<SparkplugMetric> Metrics);
