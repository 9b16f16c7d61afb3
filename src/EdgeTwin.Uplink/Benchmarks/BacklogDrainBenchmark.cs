using System.Diagnostics;
using System.Globalization;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Json;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Uplink.Benchmarks;

/// <summary>What <see cref="BacklogDrainBenchmark.RunAsync"/> measured.</summary>
/// <param name="Samples">Samples in the backlog.</param>
/// <param name="Messages">Messages in the backlog.</param>
/// <param name="Fill">Time to build the backlog (durable group commits).</param>
/// <param name="Drain">Time from connecting until the outbox was empty.</param>
/// <param name="BytesOnDisk">Database and log size with the full backlog.</param>
public sealed record BacklogDrainResult(long Samples, long Messages, TimeSpan Fill, TimeSpan Drain, long BytesOnDisk)
{
    /// <summary>Samples sent (and acknowledged, and deleted) per second.</summary>
    public double SamplesPerSecond => Samples / Drain.TotalSeconds;

    /// <summary>Bytes on disk per buffered sample.</summary>
    public double BytesPerSample => (double)BytesOnDisk / Samples;
}

/// <summary>
/// Benchmark entry point (for <c>edgetwin bench</c>): a backlog of telemetry (real JSON payloads from
/// <see cref="JsonPayloadWriter"/>, <c>samplesPerMessage</c> samples each) built in the outbox while no broker is
/// reachable, then drained to the broker at <paramref name="broker"/> (QoS 1, PUBACK before delete) by the uplink.
/// Not a test: it prints figures.
/// </summary>
public static class BacklogDrainBenchmark
{
    /// <summary>Runs the benchmark with a fresh database in <paramref name="directory"/>.</summary>
    public static async Task<BacklogDrainResult> RunAsync(Uri broker, string directory, TextWriter output, long samples = 1_000_000, int samplesPerMessage = 10, int inFlight = 64, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, "bench-drain.db");
        foreach (var file in new[] { path, Path.Combine(directory, "bench-drain-log.db"), path + ".seq" })
        {
            File.Delete(file);
        }

        var points = Enumerable.Range(0, samplesPerMessage).Select(i => new PointConfig { Id = $"point_{i:D2}", Type = PointType.Float64 }).ToList();
        var table = new PointTable([new DeviceConfig { Id = "plc1", Points = points }, new DeviceConfig { Id = "plc2", Points = points }]);
        var writer = new JsonPayloadWriter(table);
        var topics = new TopicScheme("edgetwin/bench", "bench");
        using var outbox = Outbox.Open(new OutboxOptions { Path = path, MaxBytes = long.MaxValue }, NullLogger.Instance);

        var messages = samples / samplesPerMessage;
        var batch = new Sample[samplesPerMessage];
        var fill = Stopwatch.StartNew();
        var start = DateTime.UtcNow;
        for (long m = 0; m < messages; m++)
        {
            var device = (int)(m % 2);
            for (var i = 0; i < samplesPerMessage; i++)
            {
                batch[i] = new Sample(device * samplesPerMessage + i, start.AddMilliseconds(m), (m * 31 + i) % 10000 / 100.0, Quality.Good);
            }

            var id = table.Devices[device].Id;
            outbox.Add(OutboxKind.Telemetry, id, topics.Telemetry(id), writer.Telemetry(outbox.NextSeq, id, batch), start);
            if (outbox.PendingCount >= 2000)
            {
                outbox.Commit();
            }
        }

        outbox.Commit();
        fill.Stop();
        var onDisk = Directory.GetFiles(directory, "bench-drain*.db").Sum(f => new FileInfo(f).Length);

        var config = new MqttConfig { Url = broker, ClientId = "edgetwin-bench-" + Guid.NewGuid().ToString("N")[..6], InFlight = inFlight };
        await using var uplink = new MqttUplink(config, topics, outbox, _ => "{}"u8.ToArray(), NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = Stopwatch.StartNew();
        var run = uplink.RunAsync(stop.Token);
        while (outbox.Backlog.Messages > 0 && !run.IsCompleted)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            if (uplink.State.LastError is { } error && uplink.State.Connects == 0)
            {
                throw new InvalidOperationException($"cannot reach the broker {broker}: {error}");
            }
        }

        drain.Stop();
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);

        var result = new BacklogDrainResult(messages * samplesPerMessage, messages, fill.Elapsed, drain.Elapsed, onDisk);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backlog drain: {result.Samples:N0} samples in {result.Messages:N0} messages built in {result.Fill.TotalSeconds:0.0} s ({result.BytesPerSample:0.0} bytes on disk per sample), drained to {broker} (QoS 1, {inFlight} in flight) in {result.Drain.TotalSeconds:0.00} s: {result.SamplesPerSecond:N0} samples/s, {result.Messages / result.Drain.TotalSeconds:N0} messages/s"));
        return result;
    }
}
