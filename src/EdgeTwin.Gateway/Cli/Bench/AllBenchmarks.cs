using System.CommandLine;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// <c>edgetwin bench all</c>: every benchmark in one run (outbox, drain, the end-to-end scenarios, start-up and idle,
/// model costs, and a soak when asked), one table and one JSON file. A benchmark that fails is reported with the
/// reason and the others still run; the exit code is then 1.
/// </summary>
public static class AllBenchmarks
{
    /// <summary>Creates <c>bench all</c>.</summary>
    public static Command Create()
    {
        var samples = new Option<long>("--samples") { Description = "Samples of the outbox and drain benchmarks", DefaultValueFactory = _ => 1_000_000 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per end-to-end scenario", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds after the first message before measuring", DefaultValueFactory = _ => 10 };
        var server = new Option<string>("--server") { Description = "Modbus server of the end-to-end scenarios: ours or pymodbus", DefaultValueFactory = _ => "ours" };
        var soak = new Option<double>("--soak-minutes") { Description = "Minutes of soak at scenario s2 (0: none; bench soak runs it alone)", DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--runs") { Description = "Model inferences measured per model", DefaultValueFactory = _ => 5000 };
        var json = BenchOptions.Json();
        var command = new Command("all", "Every benchmark: outbox, drain, end-to-end scenarios, start-up and idle, models (and a soak with --soak-minutes)")
        {
            samples, seconds, warmup, server, soak, runs, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sections = new List<BenchSection>
            {
                await OutboxBenchmarks.CommitAsync(parse.GetValue(samples), ct).ConfigureAwait(false),
                await OutboxBenchmarks.DrainAsync(parse.GetValue(samples), ct).ConfigureAwait(false),
            };
            foreach (var scenario in EndToEndBenchmark.Scenarios)
            {
                sections.Add(await EndToEndBenchmark.RunAsync(scenario, parse.GetValue(server)!, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))), TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(warmup))), ct).ConfigureAwait(false));
            }

            sections.Add(await StartupBenchmark.RunAsync(3, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false));
            sections.Add(await BenchReport.GuardAsync("models", "anomaly and RUL inference per asset, anomaly learning", () => Task.Run(() => Models(parse.GetValue(runs)), ct)).ConfigureAwait(false));
            if (parse.GetValue(soak) > 0)
            {
                var soakDuration = TimeSpan.FromMinutes(parse.GetValue(soak));
                sections.Add(await SoakBenchmark.RunAsync(EndToEndBenchmark.Scenarios[1], parse.GetValue(server)!, soakDuration, SoakBenchmark.DefaultWarmup(soakDuration), ct).ConfigureAwait(false));
            }

            return await BenchReport.EmitAsync(sections, parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static BenchSection Models(int runs)
    {
        var r = ModelBenchmark.Run(Math.Max(100, runs));
        return new BenchSection("models", $"model costs per asset, {r.Runs} inferences per model",
        [
            BenchRow.AtMost($"anomaly inference median (window {r.AnomalyWindow})", r.AnomalyMedianMicroseconds, "µs", ModelBenchmark.AnomalyTargetMicroseconds),
            new("anomaly inference p99", r.AnomalyP99Microseconds, "µs"),
            BenchRow.AtMost($"RUL inference median (window {r.RulWindow} cycles)", r.RulMedianMicroseconds, "µs", ModelBenchmark.RulTargetMicroseconds),
            new("RUL inference p99", r.RulP99Microseconds, "µs"),
            new($"anomaly learning, {r.LearningRows} rows", r.LearningSeconds, "s"),
        ]);
    }
}
