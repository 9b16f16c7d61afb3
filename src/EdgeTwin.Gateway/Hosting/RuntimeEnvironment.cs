namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// The .NET runtime settings the daemon runs with that can only be given as environment variables (the runtime
/// reads them before any code runs, and they have no runtimeconfig.json name). packaging/edgetwin.service sets
/// the same values, and the benchmarks start the daemon with them so that they measure what is deployed.
/// </summary>
public static class RuntimeEnvironment
{
    /// <summary>
    /// The garbage collector's allocation budget for new objects (hexadecimal, as the runtime reads it): 4 MB.
    /// Without it the workstation GC sizes that budget from the CPU's last-level cache, which on large server CPUs
    /// (this development VM reports 260 MB of L3) lets about 100 MB of garbage pile up between collections and
    /// keeps 200 MB or more committed at 10,000 points/s. At idle the budget itself is resident: with 16 MB the
    /// demo's RSS settled 14 MB higher than with 4 MB (the daemon allocates about 0.35 MB/s there), and at
    /// 10,000 points/s the smaller budget cost no measurable CPU (tests/bench/PERFORMANCE-LOG.md). Written without "0x": the
    /// ahead-of-time compiled package ignores the value with the prefix (a gen0 collection about once a minute at
    /// idle instead of every 10-20 s, measured), while the JIT runtime reads both forms as hexadecimal.
    /// </summary>
    public const string Gen0Size = "400000";

    /// <summary>
    /// The size of the collector's regions (hexadecimal, as <see cref="Gen0Size"/>): 1 MB instead of 4. The heap is
    /// committed a region at a time, so at idle, where the demo's heap is about 7 MB, smaller regions keep about
    /// 1.5 MB less committed (idle RSS 80.8-81.1 -> 79.5-79.6 MB, measured in alternated runs with background
    /// collections on); under load the figures did not change (tests/bench/PERFORMANCE-LOG.md).
    /// </summary>
    public const string RegionSize = "100000";

    /// <summary>
    /// The size from which objects go to the large-object heap (hexadecimal, as <see cref="Gen0Size"/>): 128 kB
    /// instead of 85,000 bytes. A telemetry message of 1,000 samples (about 80 kB of JSON) and the outbox document
    /// holding it were just above the default: short-lived, yet collected only by full collections, they piled up
    /// between them (the large-object heap grew 33 -> 58 MB between two full collections at 50,000 points a second,
    /// measured with the runtime's GC events). Below the threshold they die in the youngest generation: RSS peak at
    /// 50,000 points a second 173-174 -> 139-140 MB, at 100,000 points a second 97 -> 90 MB, measured alternated;
    /// CPU and latency within the runs' spread (tests/bench/PERFORMANCE-LOG.md).
    /// </summary>
    public const string LohThreshold = "20000";

    /// <summary>The variables and their values.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_GCgen0size"] = Gen0Size,
        ["DOTNET_GCRegionSize"] = RegionSize,
        ["DOTNET_GCLOHThreshold"] = LohThreshold,
    };
}
