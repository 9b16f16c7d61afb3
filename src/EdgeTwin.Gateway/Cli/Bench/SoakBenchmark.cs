using System.CommandLine;
using System.Diagnostics;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// <c>edgetwin bench soak</c>: scenario s2 (100 devices × 100 points every second) for an hour (or
/// <c>--minutes N</c>); the gateway's RSS, handles, threads and CPU sampled at intervals; growth must be flat.
/// </summary>
public static class SoakBenchmark
{
    /// <summary>Largest RSS growth over the second half of the soak counted as flat (MB per hour).</summary>
    public const double GrowthTarget = 5;

    /// <summary>Creates <c>bench soak</c>.</summary>
    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "Duration in minutes", DefaultValueFactory = _ => 60 };
        var scenario = new Option<string>("--scenario") { Description = "Scenario of bench e2e to run", DefaultValueFactory = _ => "s2" };
        var server = new Option<string>("--server") { Description = "Modbus server: ours or pymodbus", DefaultValueFactory = _ => "ours" };
        var json = BenchOptions.Json();
        var command = new Command("soak", "Soak: a scenario for an hour (or --minutes N); RSS and handles sampled every minute must stay flat") { minutes, scenario, server, json };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<E2eScenario> chosen;
            try
            {
                chosen = EndToEndBenchmark.Select(parse.GetValue(scenario)!, 1, 1, "1s");
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            var section = await RunAsync(chosen[0], parse.GetValue(server)!, TimeSpan.FromMinutes(Math.Max(0.1, parse.GetValue(minutes))), ct).ConfigureAwait(false);
            return await BenchReport.EmitAsync([section], parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the soak; samples every minute, or a tenth of the duration when shorter than 10 minutes.</summary>
    public static Task<BenchSection> RunAsync(E2eScenario scenario, string server, TimeSpan duration, CancellationToken cancellationToken)
    {
        var name = "soak";
        var description = $"{scenario} for {duration.TotalMinutes:0.#} min, server: {server}";
        return BenchReport.GuardAsync(name, description, async () =>
        {
            var every = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, duration.Ticks / 10));
            await using var run = await GatewayUnderTest.StartAsync(scenario, server, cancellationToken).ConfigureAwait(false);
            await run.WaitForTelemetryAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            run.Subscriber.Take();
            var clock = Stopwatch.StartNew();
            var minutes = new List<double>();
            var rss = new List<double>();
            var handles = new List<double>();
            var threads = new List<double>();
            var cpu = new List<double>();
            var rate = new List<double>();
            var last = run.Daemon.Stats();
            var lastTime = clock.Elapsed;
            long total = 0;
            while (clock.Elapsed < duration)
            {
                var next = every * (minutes.Count + 1);
                await Task.Delay(next - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                run.EnsureRunning();
                var now = run.Daemon.Stats();
                var elapsed = clock.Elapsed;
                var (samples, _, _, _) = run.Subscriber.Take();
                total += samples;
                var seconds = (elapsed - lastTime).TotalSeconds;
                minutes.Add(Math.Round(elapsed.TotalMinutes, 2));
                rss.Add(Math.Round(now.RssBytes / 1048576.0, 1));
                handles.Add(now.Handles);
                threads.Add(now.Threads);
                cpu.Add(Math.Round((now.CpuSeconds - last.CpuSeconds) / seconds * 100, 1));
                rate.Add(Math.Round(samples / seconds));
                Console.Error.WriteLine($"soak {elapsed.TotalMinutes,6:0.0} min: RSS {rss[^1],6:0.0} MB, handles {now.Handles}, threads {now.Threads}, CPU {cpu[^1]:0.0} % of a core, {rate[^1]:N0} points/s");
                (last, lastTime) = (now, elapsed);
            }

            var half = rss.Count / 2;
            var slope = Slope(minutes.Skip(half).ToList(), rss.Skip(half).ToList()) * 60;
            return new BenchSection(name, description,
            [
                new("duration", clock.Elapsed.TotalMinutes, "min"),
                new("points received", total, "points"),
                new("RSS first sample", rss[0], "MB"),
                new("RSS last sample", rss[^1], "MB"),
                new("RSS highest", rss.Max(), "MB"),
                BenchRow.AtMost("RSS growth over the second half", slope, "MB/h", GrowthTarget),
                BenchRow.AtMost("handles growth (last - first)", handles[^1] - handles[0], "handles", 0),
                new("threads first / last", threads[0], "/ " + threads[^1]),
                new("CPU mean", cpu.Average(), "% of a core"),
            ])
            {
                Series = new Dictionary<string, double[]>
                {
                    ["minutes"] = [.. minutes],
                    ["rssMb"] = [.. rss],
                    ["handles"] = [.. handles],
                    ["threads"] = [.. threads],
                    ["cpuPercent"] = [.. cpu],
                    ["pointsPerSecond"] = [.. rate],
                },
            };
        });
    }

    /// <summary>Least-squares slope of y over x (0 with fewer than two points).</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2)
        {
            return 0;
        }

        var mx = x.Average();
        var my = y.Average();
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        return sxx == 0 ? 0 : x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
    }
}
