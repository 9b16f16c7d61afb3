namespace EdgeTwin.Storage;

/// <summary>What an outbox message carries; decides the drop order when the buffer is full.</summary>
public enum OutboxKind : byte
{
    /// <summary>Device telemetry: dropped first (oldest first) when the buffer is full.</summary>
    Telemetry = 0,

    /// <summary>Twin state of an asset.</summary>
    Twin = 1,

    /// <summary>Events (alarms, recommendations, audit, gateway events): dropped last.</summary>
    Event = 2,
}
