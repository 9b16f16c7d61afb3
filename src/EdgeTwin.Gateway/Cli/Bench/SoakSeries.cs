using System.Globalization;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// The samples of a soak: the gateway's memory split into the managed heap (after the last GC, and what the GC keeps
/// committed), native heaps (anonymous memory the GC has not committed), mapped files and LiteDB's page cache, with
/// handles, threads, CPU and throughput; and the table rows with their growth per hour.
/// </summary>
public sealed class SoakSeries
{
    private const double Mb = 1048576.0;
    private static readonly string[] Names =
    [
        "rssMb", "anonMb", "fileMb", "sharedMb", "heapMb", "gcCommittedMb", "nativeMb", "storageCacheMb", "dataFileMb",
        "handles", "threads", "cpuPercent", "pointsPerSecond",
    ];

    private readonly List<double> _minutes = new();
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    /// <summary>Creates an empty series.</summary>
    public SoakSeries()
    {
        foreach (var name in Names)
        {
            _values[name] = new List<double>();
        }
    }

    /// <summary>Samples taken.</summary>
    public int Count => _minutes.Count;

    /// <summary>
    /// Adds one sample. <paramref name="metrics"/> is the gateway's /metrics (<see cref="GatewayUnderTest.ParseMetrics"/>);
    /// figures missing from it are NaN.
    /// </summary>
    public void Add(TimeSpan elapsed, ProcStats stats, ProcMemory memory, IReadOnlyDictionary<string, double> metrics, double cpuPercent, double pointsPerSecond)
    {
        double Metric(string name) => metrics.TryGetValue(name, out var v) ? Math.Round(v / Mb, 1) : double.NaN;
        var committed = Metric("dotnet_gc_committed_bytes");
        var anon = Math.Round(memory.AnonBytes / Mb, 1);
        _minutes.Add(Math.Round(elapsed.TotalMinutes, 2));
        _values["rssMb"].Add(Math.Round(stats.RssBytes / Mb, 1));
        _values["anonMb"].Add(anon);
        _values["fileMb"].Add(Math.Round(memory.FileBytes / Mb, 1));
        _values["sharedMb"].Add(Math.Round(memory.SharedBytes / Mb, 1));
        _values["heapMb"].Add(Metric("dotnet_gc_heap_size_bytes"));
        _values["gcCommittedMb"].Add(committed);
        _values["nativeMb"].Add(Math.Round(anon - committed, 1));
        _values["storageCacheMb"].Add(Metric("edgetwin_storage_cache_bytes"));
        _values["dataFileMb"].Add(Metric("edgetwin_storage_file_bytes{file=\"data\"}"));
        _values["handles"].Add(stats.Handles);
        _values["threads"].Add(stats.Threads);
        _values["cpuPercent"].Add(Math.Round(cpuPercent, 1));
        _values["pointsPerSecond"].Add(Math.Round(pointsPerSecond));
    }

    /// <summary>One line on sample <paramref name="i"/> for the progress output.</summary>
    public string Describe(int i) => string.Create(CultureInfo.InvariantCulture,
        $"soak {_minutes[i],6:0.0} min: RSS {At("rssMb", i),6:0.0} MB (managed heap {At("heapMb", i):0.0}, GC committed {At("gcCommittedMb", i):0.0}, native {At("nativeMb", i):0.0}, files {At("fileMb", i) + At("sharedMb", i):0.0}; LiteDB cache {At("storageCacheMb", i):0.0}), handles {At("handles", i)}, threads {At("threads", i)}, CPU {At("cpuPercent", i):0.0} % of a core, {At("pointsPerSecond", i):N0} points/s");

    /// <summary>The table rows: first and last figures and growth per hour fitted after <paramref name="warmup"/>.</summary>
    public IReadOnlyList<BenchRow> Rows(long pointsReceived, TimeSpan duration, TimeSpan warmup)
    {
        double Growth(string name) => SoakBenchmark.GrowthPerHour(_minutes, _values[name], warmup.TotalMinutes);
        string Ends(string name) => string.Create(CultureInfo.InvariantCulture, $"MB/h ({First(name):0.#} → {_values[name][^1]:0.#} MB)");
        var handles = _values["handles"];
        // The gateway opens its connections and files during the first minutes: compare from the warm-up on.
        var settled = _minutes.FindIndex(m => m >= warmup.TotalMinutes) is var i and >= 0 ? i : 0;
        return
        [
            new("duration", duration.TotalMinutes, "min"),
            new("points received", pointsReceived, "points"),
            new("RSS first sample", _values["rssMb"][0], "MB"),
            new("RSS last sample", _values["rssMb"][^1], "MB"),
            new("RSS highest", _values["rssMb"].Max(), "MB"),
            BenchRow.AtMost("RSS growth (fit after the warm-up)", Growth("rssMb"), "MB/h", SoakBenchmark.GrowthTarget),
            new("  managed heap after GC growth", Growth("heapMb"), Ends("heapMb")),
            new("  GC committed growth", Growth("gcCommittedMb"), Ends("gcCommittedMb")),
            new("  native (anonymous minus GC committed) growth", Growth("nativeMb"), Ends("nativeMb")),
            new("  mapped files growth", Growth("fileMb"), Ends("fileMb")),
            new("  LiteDB page cache growth (part of the managed heap)", Growth("storageCacheMb"), Ends("storageCacheMb")),
            new("database file growth (on disk)", Growth("dataFileMb"), Ends("dataFileMb")),
            BenchRow.AtMost("handles growth (last - first after the warm-up)", handles[^1] - handles[settled], "handles", 0),
            new("handles first / after the warm-up / last", handles[0], string.Create(CultureInfo.InvariantCulture, $"/ {handles[settled]} / {handles[^1]}")),
            new("threads first / last", _values["threads"][0], "/ " + _values["threads"][^1]),
            new("CPU mean", _values["cpuPercent"].Average(), "% of a core"),
        ];
    }

    /// <summary>The series for the JSON report (minutes and every figure).</summary>
    public IReadOnlyDictionary<string, double[]> ToDictionary()
    {
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal) { ["minutes"] = [.. _minutes] };
        foreach (var (name, values) in _values)
        {
            result[name] = [.. values];
        }

        return result;
    }

    private double At(string name, int i) => _values[name][i];

    private double First(string name) => _values[name].FirstOrDefault(v => !double.IsNaN(v), double.NaN);
}
