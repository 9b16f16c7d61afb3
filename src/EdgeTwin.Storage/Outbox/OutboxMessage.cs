namespace EdgeTwin.Storage;

/// <summary>A message as it will be sent: committed once, redelivered byte-identical.</summary>
/// <param name="Seq">Gateway-wide sequence number, +1 per message, never reused.</param>
/// <param name="Kind">Telemetry, twin state or event.</param>
/// <param name="Key">Device or asset id the message belongs to (ordering is per key).</param>
/// <param name="Topic">MQTT topic.</param>
/// <param name="Payload">Encoded payload.</param>
/// <param name="Timestamp">When the message was created (UTC).</param>
/// <param name="Retain">Publish with the retain flag.</param>
public sealed record OutboxMessage(long Seq, OutboxKind Kind, string Key, string Topic, byte[] Payload, DateTime Timestamp, bool Retain = false);
