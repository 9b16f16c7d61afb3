using System.CommandLine;
using System.Diagnostics;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// <c>edgetwin bench e2e</c>: Modbus TCP server → gateway (its own process) → LiteDB → mosquitto → subscriber, for
/// the scenarios of the issue; the gateway's CPU-seconds per million points, RSS, allocations and the end-to-end
/// latency from a value change on the server to the message at the subscriber.
/// </summary>
public static class EndToEndBenchmark
{
    /// <summary>Target CPU-seconds per million points (100,000 points/s on one core).</summary>
    public const double CpuTarget = 10;

    /// <summary>Target of p99 latency beyond the poll interval (ms).</summary>
    public const double LatencyTarget = 20;

    /// <summary>The scenarios of the issue, and one at 100,000 points/s.</summary>
    public static readonly IReadOnlyList<E2eScenario> Scenarios =
    [
        new("s1", 1, 1000, TimeSpan.FromMilliseconds(100)),
        new("s2", 100, 100, TimeSpan.FromSeconds(1)),
        new("s3", 500, 30, TimeSpan.FromMilliseconds(500)),
        new("max", 10, 1000, TimeSpan.FromMilliseconds(100)),
    ];

    /// <summary>Creates <c>bench e2e</c>.</summary>
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "s1, s2, s3, max, all, or custom (with --devices, --points, --poll)", DefaultValueFactory = _ => "all" };
        var server = new Option<string>("--server") { Description = "Modbus server: ours (in the bench process) or pymodbus (independent, a child process)", DefaultValueFactory = _ => "ours" };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per scenario", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds after the first message before measuring", DefaultValueFactory = _ => 10 };
        var devices = new Option<int>("--devices") { Description = "custom: devices", DefaultValueFactory = _ => 1 };
        var points = new Option<int>("--points") { Description = "custom: points per device", DefaultValueFactory = _ => 100 };
        var poll = new Option<string>("--poll") { Description = "custom: poll interval", DefaultValueFactory = _ => "1s" };
        var pollOffset = new Option<string>("--poll-offset") { Description = "Every device's pollOffset: auto (spread over the interval, the default) or a duration, e.g. 0ms (all devices in step)", DefaultValueFactory = _ => "auto" };
        var json = BenchOptions.Json();
        var command = new Command("e2e", "End to end: Modbus server → gateway → LiteDB → mosquitto → subscriber; points/s, CPU-s per million points, RSS, allocations, latency")
        {
            scenario, server, seconds, warmup, devices, points, poll, pollOffset, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<E2eScenario> chosen;
            try
            {
                chosen = WithPollOffset(Select(parse.GetValue(scenario)!, parse.GetValue(devices), parse.GetValue(points), parse.GetValue(poll)!), parse.GetValue(pollOffset)!);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            var sections = new List<BenchSection>();
            foreach (var s in chosen)
            {
                sections.Add(await RunAsync(s, parse.GetValue(server)!, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))), TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(warmup))), ct).ConfigureAwait(false));
            }

            return await BenchReport.EmitAsync(sections, parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// <paramref name="scenarios"/> with every device's <c>pollOffset</c> set to <paramref name="offset"/>; throws
    /// <see cref="ArgumentException"/> when it is neither <c>auto</c> nor a duration.
    /// </summary>
    public static IReadOnlyList<E2eScenario> WithPollOffset(IReadOnlyList<E2eScenario> scenarios, string offset)
    {
        if (offset != "auto" && !(Durations.TryParse(offset, out var value) && value >= TimeSpan.Zero))
        {
            throw new ArgumentException($"--poll-offset: '{offset}' is neither auto nor a duration (e.g. 0ms)");
        }

        return scenarios.Select(s => s with { PollOffset = offset }).ToList();
    }

    /// <summary>The scenarios named by <paramref name="name"/>.</summary>
    public static IReadOnlyList<E2eScenario> Select(string name, int devices, int points, string poll)
    {
        if (name == "all")
        {
            return Scenarios;
        }

        if (name == "custom")
        {
            if (!Durations.TryParse(poll, out var interval) || interval <= TimeSpan.Zero)
            {
                throw new ArgumentException($"--poll: '{poll}' is not a duration (e.g. 500ms)");
            }

            if (devices is < 1 or > 2000 || points is < 1 or > 16_000)
            {
                throw new ArgumentException("--devices must be 1..2000 and --points 1..16000");
            }

            return [new E2eScenario("custom", devices, points, interval)];
        }

        return Scenarios.Where(s => s.Name == name).ToList() is { Count: > 0 } found
            ? found
            : throw new ArgumentException($"--scenario: '{name}' is not one of {string.Join(", ", Scenarios.Select(s => s.Name))}, all, custom");
    }

    /// <summary>Runs one scenario.</summary>
    public static Task<BenchSection> RunAsync(E2eScenario scenario, string server, TimeSpan measure, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var name = "e2e " + scenario.Name;
        var description = $"{scenario}, server: {server}";
        return BenchReport.GuardAsync(name, description, async () =>
        {
            Console.Error.WriteLine($"bench {name}: {description}: starting");
            await using var run = await GatewayUnderTest.StartAsync(scenario, server, cancellationToken).ConfigureAwait(false);
            await run.WaitForTelemetryAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            run.EnsureRunning();

            run.Subscriber.Take();
            var before = run.Daemon.Stats();
            var allocatedBefore = await run.AllocatedBytesAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            long peakRss = before.RssBytes;
            while (clock.Elapsed < measure)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, (measure - clock.Elapsed).TotalMilliseconds))), cancellationToken).ConfigureAwait(false);
                run.EnsureRunning();
                peakRss = Math.Max(peakRss, run.Daemon.Stats().RssBytes);
            }

            var (samples, messages, latencies, afterCycle) = run.Subscriber.Take();
            var elapsed = clock.Elapsed.TotalSeconds;
            var after = run.Daemon.Stats();
            var allocatedAfter = await run.AllocatedBytesAsync(cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"bench {name}: {samples:N0} samples in {messages:N0} messages in {elapsed:0.0} s");
            if (samples == 0)
            {
                throw new InvalidOperationException($"no telemetry arrived during the measurement; the gateway's output: {run.Daemon.Output}");
            }

            latencies.Sort();
            afterCycle.Sort();
            var cpu = after.CpuSeconds - before.CpuSeconds;
            var poll = scenario.Poll.TotalMilliseconds;
            var p50 = Percentile(latencies, 0.50);
            var p99 = Percentile(latencies, 0.99);
            return new BenchSection(name, description + "; " + run.ServerName,
            [
                new("points/s configured", scenario.PointsPerSecond, "points/s"),
                BenchRow.AtLeast("points/s received (sustained)", samples / elapsed, "points/s", Math.Floor(scenario.PointsPerSecond * 0.98)),
                BenchRow.AtMost("gateway CPU per million points", cpu * 1e6 / samples, "CPU-s", CpuTarget),
                new("gateway CPU", cpu / elapsed * 100, "% of a core"),
                new("points per CPU-second", samples / Math.Max(cpu, 0.01), "points"),
                BenchRow.AtMost("gateway RSS (peak)", peakRss / 1048576.0, "MB", 150),
                new("allocations", (allocatedAfter - allocatedBefore) / elapsed / 1048576.0, "MB/s"),
                new("latency p50", p50, "ms"),
                BenchRow.AtMost("latency p99", p99, "ms", poll + LatencyTarget),
                new("latency p99 beyond the poll interval", p99 - poll, "ms"),
                new("  of it after the cycle's timestamp p50", Percentile(afterCycle, 0.50), "ms"),
                new("  of it after the cycle's timestamp p99", Percentile(afterCycle, 0.99), "ms"),
                new("threads / handles at the end", after.Threads, "/ " + after.Handles),
            ]);
        });
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values (NaN when empty).</summary>
    public static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
