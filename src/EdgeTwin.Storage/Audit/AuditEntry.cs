namespace EdgeTwin.Storage;

/// <summary>One line of the audit log: who tried what, and what came of it.</summary>
/// <param name="Timestamp">When (UTC).</param>
/// <param name="Who">The requester as identified by the transport (MQTT user property, client id, local user).</param>
/// <param name="Action">The command, e.g. "write".</param>
/// <param name="Target">What it addressed, e.g. the point key "plc1/setpoint".</param>
/// <param name="Value">The requested value as text, if any.</param>
/// <param name="Result">"ok", "denied" or "failed".</param>
/// <param name="Reason">Why it was denied or failed (null when ok).</param>
public sealed record AuditEntry(DateTime Timestamp, string Who, string Action, string Target, string? Value, string Result, string? Reason)
{
    /// <summary>Position in the log (assigned on append; 0 before).</summary>
    public long Id { get; init; }
}
