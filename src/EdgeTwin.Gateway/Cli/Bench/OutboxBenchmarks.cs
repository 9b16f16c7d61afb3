using System.CommandLine;
using EdgeTwin.Storage.Benchmarks;
using EdgeTwin.Uplink.Benchmarks;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// <c>edgetwin bench outbox</c> and <c>edgetwin bench drain</c>: the outbox's durable group-commit throughput
/// (<see cref="OutboxCommitBenchmark"/>) and a backlog drained by the uplink to a local mosquitto
/// (<see cref="BacklogDrainBenchmark"/>), on the real Outbox and MqttUplink classes.
/// </summary>
public static class OutboxBenchmarks
{
    /// <summary>Target of the outbox's batched commit throughput (samples/s).</summary>
    public const double CommitTarget = 200_000;

    /// <summary>Target of the backlog drain (samples/s).</summary>
    public const double DrainTarget = 100_000;

    /// <summary>Creates <c>bench outbox</c>.</summary>
    public static Command Outbox()
    {
        var samples = new Option<long>("--samples") { Description = "Samples committed", DefaultValueFactory = _ => 1_000_000 };
        var json = BenchOptions.Json();
        var command = new Command("outbox", "Outbox commit throughput: telemetry of 10 samples per message, durable group commits of 200 messages") { samples, json };
        command.SetAction(async (parse, ct) =>
            await BenchReport.EmitAsync([await CommitAsync(parse.GetValue(samples), ct).ConfigureAwait(false)], parse.GetValue(json), ct).ConfigureAwait(false));
        return command;
    }

    /// <summary>Creates <c>bench drain</c>.</summary>
    public static Command Drain()
    {
        var samples = new Option<long>("--samples") { Description = "Samples in the backlog", DefaultValueFactory = _ => 1_000_000 };
        var json = BenchOptions.Json();
        var command = new Command("drain", "Backlog drain: a backlog of telemetry sent by the uplink to a local mosquitto (QoS 1, deleted after PUBACK)") { samples, json };
        command.SetAction(async (parse, ct) =>
            await BenchReport.EmitAsync([await DrainAsync(parse.GetValue(samples), ct).ConfigureAwait(false)], parse.GetValue(json), ct).ConfigureAwait(false));
        return command;
    }

    /// <summary>Runs the commit benchmark.</summary>
    public static Task<BenchSection> CommitAsync(long samples, CancellationToken cancellationToken)
    {
        const string name = "outbox";
        var description = $"outbox commit of {samples:N0} samples (10 per message, durable group commits of 200 messages)";
        return BenchReport.GuardAsync(name, description, () => Task.Run(() =>
        {
            var directory = Directory.CreateTempSubdirectory("edgetwin-bench-outbox-").FullName;
            try
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var r = OutboxCommitBenchmark.Run(directory, TextWriter.Null, Positive(samples, "--samples"));
                cpu = Environment.CpuUsage.TotalTime - cpu;
                return new BenchSection(name, description,
                [
                    BenchRow.AtLeast("commit throughput", r.SamplesPerSecond, "samples/s", CommitTarget),
                    new("samples per CPU-second", r.Samples / cpu.TotalSeconds, "samples/s"),
                    new("commits (each one fsync)", r.Commits / r.Elapsed.TotalSeconds, "commits/s"),
                    new("bytes on disk per sample", r.BytesPerSample, "B"),
                    new("payload bytes per sample", (double)r.PayloadBytes / r.Samples, "B"),
                    new("elapsed", r.Elapsed.TotalSeconds, "s"),
                ]);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }, cancellationToken));
    }

    /// <summary>Runs the drain benchmark against a mosquitto it starts.</summary>
    public static Task<BenchSection> DrainAsync(long samples, CancellationToken cancellationToken)
    {
        const string name = "drain";
        var description = $"backlog of {samples:N0} samples (10 per message) drained to a local mosquitto, QoS 1, 64 in flight";
        return BenchReport.GuardAsync(name, description, async () =>
        {
            var directory = Directory.CreateTempSubdirectory("edgetwin-bench-drain-").FullName;
            try
            {
                await using var broker = await BenchBroker.StartAsync(cancellationToken).ConfigureAwait(false);
                var cpu = Environment.CpuUsage.TotalTime;
                var r = await BacklogDrainBenchmark.RunAsync(broker.Url, directory, TextWriter.Null, Positive(samples, "--samples"), cancellationToken: cancellationToken).ConfigureAwait(false);
                cpu = Environment.CpuUsage.TotalTime - cpu;
                return new BenchSection(name, description,
                [
                    BenchRow.AtLeast("drain throughput", r.SamplesPerSecond, "samples/s", DrainTarget),
                    new("messages drained", r.Messages / r.Drain.TotalSeconds, "messages/s"),
                    new("bytes on disk per sample", r.BytesPerSample, "B"),
                    new("backlog build (group commits)", r.Samples / r.Fill.TotalSeconds, "samples/s"),
                    new("drain time", r.Drain.TotalSeconds, "s"),
                    new("CPU of build and drain per million samples", cpu.TotalSeconds * 1e6 / r.Samples, "CPU-s"),
                ]);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        });
    }

    private static long Positive(long value, string option) =>
        value >= 100 ? value : throw new ArgumentOutOfRangeException(option, value, $"{option} must be at least 100");
}

/// <summary>Options shared by the bench commands.</summary>
public static class BenchOptions
{
    /// <summary><c>--json FILE</c>.</summary>
    public static Option<string?> Json() => new("--json") { Description = "Write the figures to this JSON file" };
}
