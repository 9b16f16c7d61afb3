using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeTwin.Simulator;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// <c>edgetwin bench startup</c>: the demo configuration (simulated pump, its models) run by the gateway as a child
/// process: time from starting the process to the first telemetry message at a subscriber (fresh database, then
/// restarts on it), and then the idle gateway's CPU and RSS.
/// </summary>
public static class StartupBenchmark
{
    /// <summary>Target start-up to the first published sample (s).</summary>
    public const double StartupTarget = 1.5;

    /// <summary>Target RSS with the demo configuration (MB).</summary>
    public const double IdleRssTarget = 80;

    /// <summary>Creates <c>bench startup</c>.</summary>
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Starts measured (the first on a fresh database)", DefaultValueFactory = _ => 3 };
        var idle = new Option<int>("--idle") { Description = "Seconds of idle CPU measured after the last start (0: none)", DefaultValueFactory = _ => 30 };
        var json = BenchOptions.Json();
        var command = new Command("startup", "Start-up time to the first published sample, and idle CPU and RSS, with the demo configuration") { runs, idle, json };
        command.SetAction(async (parse, ct) =>
            await BenchReport.EmitAsync([await RunAsync(Math.Max(1, parse.GetValue(runs)), TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(idle))), ct).ConfigureAwait(false)], parse.GetValue(json), ct).ConfigureAwait(false));
        return command;
    }

    /// <summary>Runs the measurement.</summary>
    public static Task<BenchSection> RunAsync(int runs, TimeSpan idle, CancellationToken cancellationToken)
    {
        const string name = "startup";
        var description = $"demo configuration (simulated pump, anomaly and RUL models): {runs} starts, then {idle.TotalSeconds:0} s idle";
        return BenchReport.GuardAsync(name, description, async () =>
        {
            var directory = Directory.CreateTempSubdirectory("edgetwin-bench-startup-").FullName;
            try
            {
                await using var plant = new PumpPlant(BenchPorts.Free(), pumps: 1, lifetime: TimeSpan.FromMinutes(30));
                await plant.StartAsync(cancellationToken).ConfigureAwait(false);
                await using var broker = await BenchBroker.StartAsync(cancellationToken).ConfigureAwait(false);
                var config = Path.Combine(directory, "demo.yaml");
                await File.WriteAllTextAsync(config, DemoConfig(directory, plant.Port, broker.Port, BenchPorts.Free()), cancellationToken).ConfigureAwait(false);

                var times = new List<double>();
                var rows = new List<BenchRow>();
                for (var i = 0; i < runs; i++)
                {
                    await using var subscriber = await BenchSubscriber.StartAsync(broker.Port, "edgetwin/v1/demo-gw/telemetry/#", measureLatency: false, cancellationToken).ConfigureAwait(false);
                    var start = Stopwatch.GetTimestamp();
                    await using var daemon = BenchChild.StartGateway(config, directory);
                    while (subscriber.FirstMessage == 0)
                    {
                        if (daemon.HasExited)
                        {
                            throw new InvalidOperationException($"the gateway exited before publishing; its output: {daemon.Output}");
                        }

                        if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(60))
                        {
                            throw new TimeoutException($"no telemetry within 60 s; the gateway's output: {daemon.Output}");
                        }

                        await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                    }

                    var seconds = Stopwatch.GetElapsedTime(start, subscriber.FirstMessage).TotalSeconds;
                    times.Add(seconds);
                    rows.Add(BenchRow.AtMost(i == 0 ? "start to first sample, fresh database" : $"start to first sample, restart {i}", seconds, "s", StartupTarget));
                    var cpuAtFirst = daemon.Stats().CpuSeconds;
                    rows.Add(new(i == 0 ? "  CPU used until then, fresh database" : $"  CPU used until then, restart {i}", cpuAtFirst, "CPU-s"));
                    if (i == runs - 1 && idle > TimeSpan.Zero)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                        var before = daemon.Stats();
                        var clock = Stopwatch.StartNew();
                        var peak = before.RssBytes;
                        while (clock.Elapsed < idle)
                        {
                            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                            if (daemon.HasExited)
                            {
                                throw new InvalidOperationException($"the gateway exited while idle; its output: {daemon.Output}");
                            }

                            peak = Math.Max(peak, daemon.Stats().RssBytes);
                        }

                        var after = daemon.Stats();
                        rows.Add(new("idle CPU (demo: 10 points every 500 ms, models)", (after.CpuSeconds - before.CpuSeconds) / clock.Elapsed.TotalSeconds * 100, "% of a core"));
                        rows.Add(BenchRow.AtMost("idle RSS (peak)", peak / 1048576.0, "MB", IdleRssTarget));
                        rows.Add(new("idle threads / handles", after.Threads, "/ " + after.Handles));
                    }

                    await daemon.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }

                times.Sort();
                rows.Insert(0, BenchRow.AtMost("start to first sample (median)", times[times.Count / 2], "s", StartupTarget));
                return new BenchSection(name, description, rows);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });
    }

    /// <summary>The built-in demo configuration pointed at the given ports, with its database and models in <paramref name="directory"/>.</summary>
    public static string DemoConfig(string directory, int modbusPort, int mqttPort, int httpPort)
    {
        var yaml = DemoCommand.BuiltInConfig(DemoCommand.ExtractModels(Path.Combine(directory, "models")));
        yaml = Replace(yaml, "port: 5020", $"port: {modbusPort}");
        yaml = Replace(yaml, "mqtt://127.0.0.1:1883", $"mqtt://127.0.0.1:{mqttPort}");
        yaml = Replace(yaml, "./data/edgetwin.db", Path.Combine(directory, "edgetwin.db"));
        return yaml + string.Create(CultureInfo.InvariantCulture, $"\nhttp:\n  listen: 127.0.0.1:{httpPort}\n");
    }

    private static string Replace(string text, string what, string with) =>
        text.Contains(what, StringComparison.Ordinal)
            ? text.Replace(what, with, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the built-in demo configuration no longer contains '{what}'; update StartupBenchmark.DemoConfig");
}
