namespace EdgeTwin.Storage;

/// <summary>Settings of the outbox.</summary>
public sealed record OutboxOptions
{
    /// <summary>Database file.</summary>
    public required string Path { get; init; }

    /// <summary>Payload bytes kept before the oldest telemetry is dropped.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Every commit is on the device (fsync) before it returns and before anything in it can be sent. Off only for
    /// throw-away benchmarks.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Tests: the database's files live on a disk with this much room (see <see cref="DiskBudget"/>).</summary>
    internal DiskBudget? Disk { get; init; }
}
