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
        var warmup = new Option<double?>("--warmup") { Description = "Minutes left out of the growth fits (default: a quarter of the duration, at most 10)" };
        var scenario = new Option<string>("--scenario") { Description = "Scenario of bench e2e to run", DefaultValueFactory = _ => "s2" };
        var server = new Option<string>("--server") { Description = "Modbus server: ours or pymodbus", DefaultValueFactory = _ => "ours" };
        var json = BenchOptions.Json();
        var command = new Command("soak", "Soak: a scenario for an hour (or --minutes N); memory and handles sampled every minute must stay flat") { minutes, warmup, scenario, server, json };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<E2eScenario> chosen;
            var duration = TimeSpan.FromMinutes(Math.Max(0.1, parse.GetValue(minutes)));
            var warm = parse.GetValue(warmup) ?? DefaultWarmup(duration).TotalMinutes;
            try
            {
                chosen = EndToEndBenchmark.Select(parse.GetValue(scenario)!, 1, 1, "1s");
                if (warm < 0 || warm >= duration.TotalMinutes)
                {
                    throw new ArgumentException($"--warmup: {warm} minutes must be at least 0 and less than the duration ({duration.TotalMinutes} minutes)");
                }
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            var section = await RunAsync(chosen[0], parse.GetValue(server)!, duration, TimeSpan.FromMinutes(warm), ct).ConfigureAwait(false);
            return await BenchReport.EmitAsync([section], parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The warm-up left out of the growth fits by default: a quarter of the duration, at most 10 minutes.</summary>
    public static TimeSpan DefaultWarmup(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(duration.Ticks / 4, TimeSpan.FromMinutes(10).Ticks));

    /// <summary>
    /// Runs the soak; samples every minute, or a tenth of the duration when shorter than 10 minutes. Growth rates are
    /// least-squares fits over the samples after <paramref name="warmup"/>.
    /// </summary>
    public static Task<BenchSection> RunAsync(E2eScenario scenario, string server, TimeSpan duration, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var name = "soak";
        var description = $"{scenario} for {duration.TotalMinutes:0.#} min (growth fitted after {warmup.TotalMinutes:0.#} min), server: {server}";
        return BenchReport.GuardAsync(name, description, async () =>
        {
            var every = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, duration.Ticks / 10));
            await using var run = await GatewayUnderTest.StartAsync(scenario, server, cancellationToken).ConfigureAwait(false);
            await run.WaitForTelemetryAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            run.Subscriber.Take();
            var clock = Stopwatch.StartNew();
            var series = new SoakSeries();
            var last = run.Daemon.Stats();
            var lastTime = clock.Elapsed;
            long total = 0;
            while (clock.Elapsed < duration)
            {
                var next = every * (series.Count + 1);
                await Task.Delay(next - clock.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                run.EnsureRunning();
                var now = run.Daemon.Stats();
                var memory = run.Daemon.Memory();
                var metrics = await run.MetricsAsync(cancellationToken).ConfigureAwait(false);
                var elapsed = clock.Elapsed;
                var (samples, _, _, _) = run.Subscriber.Take();
                total += samples;
                var seconds = (elapsed - lastTime).TotalSeconds;
                series.Add(elapsed, now, memory, metrics, (now.CpuSeconds - last.CpuSeconds) / seconds * 100, samples / seconds);
                Console.Error.WriteLine(series.Describe(series.Count - 1));
                (last, lastTime) = (now, elapsed);
            }

            return new BenchSection(name, description, series.Rows(total, clock.Elapsed, warmup)) { Series = series.ToDictionary() };
        });
    }

    /// <summary>
    /// Growth per hour of <paramref name="values"/> sampled at <paramref name="minutes"/>: the least-squares slope over
    /// the samples at or after <paramref name="warmupMinutes"/> (over the second half when fewer than three are).
    /// NaN samples (a figure that could not be read) are left out.
    /// </summary>
    public static double GrowthPerHour(IReadOnlyList<double> minutes, IReadOnlyList<double> values, double warmupMinutes)
    {
        var points = minutes.Zip(values).Where(p => !double.IsNaN(p.Second)).ToList();
        var after = points.Where(p => p.First >= warmupMinutes).ToList();
        if (after.Count < 3)
        {
            after = points.Skip(points.Count / 2).ToList();
        }

        return Slope(after.Select(p => p.First).ToList(), after.Select(p => p.Second).ToList()) * 60;
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
