namespace EdgeTwin.Storage;

/// <summary>What the outbox holds that has not been acknowledged by the broker yet.</summary>
/// <param name="Messages">Number of messages.</param>
/// <param name="Bytes">Payload bytes.</param>
/// <param name="Oldest">Timestamp of the oldest message, or null when empty.</param>
/// <param name="Dropped">Messages dropped because the buffer was full, since the database was created.</param>
public readonly record struct BacklogInfo(long Messages, long Bytes, DateTime? Oldest, long Dropped);
