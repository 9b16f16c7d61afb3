namespace EdgeTwin.Modbus.Client;

/// <summary>Settings of a <see cref="ModbusClient"/>.</summary>
public sealed record ModbusClientOptions
{
    /// <summary>Longest wait for one request, including a reconnect when the connection was lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after a broadcast (RTU unit 0) so slaves can process it (the spec's turnaround delay, 100-200 ms).</summary>
    public TimeSpan BroadcastTurnaround { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most pipelining depth: see <see cref="Pipeline"/>.</summary>
    public const int MaxPipeline = 64;

    /// <summary>
    /// Read transactions <see cref="ModbusClient.ReadManyAsync"/> keeps outstanding on one Modbus TCP connection,
    /// matched to their answers by MBAP transaction id. 1 (the default) sends one request at a time, which every
    /// device supports; many servers and gateways queue several, some (single-transaction devices) drop or mix them.
    /// Only for Modbus TCP framing: RTU has no transaction ids.
    /// </summary>
    public int Pipeline { get; init; } = 1;

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

        if (Pipeline is < 1 or > MaxPipeline)
        {
            throw new ArgumentOutOfRangeException(nameof(Pipeline), Pipeline, $"Pipeline must be 1..{MaxPipeline}.");
        }
    }
}
