namespace EdgeTwin.Modbus.Client;

/// <summary>Settings of a <see cref="ModbusClient"/>.</summary>
public sealed record ModbusClientOptions
{
    /// <summary>Longest wait for one request, including a reconnect when the connection was lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after a broadcast (RTU unit 0) so slaves can process it (the spec's turnaround delay, 100-200 ms).</summary>
    public TimeSpan BroadcastTurnaround { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive and at most 10 minutes.");
        }

        if (BroadcastTurnaround < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BroadcastTurnaround), BroadcastTurnaround, "Turnaround must not be negative.");
        }
    }
}
