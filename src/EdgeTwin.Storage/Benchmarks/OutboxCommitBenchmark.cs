using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Benchmarks;

/// <summary>What <see cref="OutboxCommitBenchmark.Run"/> measured.</summary>
/// <param name="Samples">Samples committed.</param>
/// <param name="Messages">Messages committed.</param>
/// <param name="Commits">Group commits.</param>
/// <param name="Elapsed">Wall time of adding and committing.</param>
/// <param name="BytesOnDisk">Database and log file size afterwards.</param>
/// <param name="PayloadBytes">Payload bytes stored.</param>
public sealed record OutboxCommitResult(long Samples, long Messages, long Commits, TimeSpan Elapsed, long BytesOnDisk, long PayloadBytes)
{
    /// <summary>Samples per second.</summary>
    public double SamplesPerSecond => Samples / Elapsed.TotalSeconds;

    /// <summary>Bytes on disk per sample.</summary>
    public double BytesPerSample => (double)BytesOnDisk / Samples;
}

/// <summary>
/// Benchmark entry point (for <c>edgetwin bench</c>): the outbox's commit throughput with durable group commits, as the
/// pipeline drives it: telemetry messages of <c>samplesPerMessage</c> samples (JSON of the size the gateway writes),
/// committed <c>messagesPerCommit</c> at a time. Not a test: it prints figures.
/// </summary>
public static class OutboxCommitBenchmark
{
    /// <summary>Runs the benchmark in <paramref name="directory"/> (a fresh database) and writes the figures to <paramref name="output"/>.</summary>
    public static OutboxCommitResult Run(string directory, TextWriter output, long samples = 1_000_000, int samplesPerMessage = 10, int messagesPerCommit = 200, bool durable = true)
    {
        var path = Path.Combine(directory, "bench-commit.db");
        foreach (var file in new[] { path, LiteDbFiles.LogPath(path), path + ".seq" })
        {
            File.Delete(file);
        }

        var messages = samples / samplesPerMessage;
        long commits = 0, payloadBytes = 0;
        var clock = Stopwatch.StartNew();
        using (var outbox = Outbox.Open(new OutboxOptions { Path = path, Durable = durable, MaxBytes = long.MaxValue }, NullLogger.Instance))
        {
            var start = DateTime.UtcNow;
            for (long m = 0; m < messages; m++)
            {
                var device = "plc" + (m % 8);
                var payload = Telemetry(outbox.NextSeq, device, samplesPerMessage, start.AddMilliseconds(m));
                payloadBytes += payload.Length;
                outbox.Add(OutboxKind.Telemetry, device, "edgetwin/v1/bench/telemetry/" + device, payload, start);
                if (outbox.PendingCount >= messagesPerCommit)
                {
                    outbox.Commit();
                    commits++;
                }
            }

            if (outbox.Commit() > 0)
            {
                commits++;
            }
        }

        clock.Stop();
        var onDisk = new[] { path, LiteDbFiles.LogPath(path) }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var result = new OutboxCommitResult(messages * samplesPerMessage, messages, commits, clock.Elapsed, onDisk, payloadBytes);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outbox commit: {result.Samples:N0} samples in {result.Messages:N0} messages, {result.Commits:N0} {(durable ? "durable (fsync)" : "non-durable")} commits of {messagesPerCommit} messages: {result.Elapsed.TotalSeconds:0.00} s, {result.SamplesPerSecond:N0} samples/s, {result.Commits / result.Elapsed.TotalSeconds:N0} commits/s; {result.BytesPerSample:0.0} bytes on disk per sample ({(double)result.PayloadBytes / result.Samples:0.0} payload)"));
        return result;
    }

    /// <summary>A telemetry payload shaped like the gateway's JSON (README "MQTT topics").</summary>
    internal static byte[] Telemetry(long seq, string device, int samples, DateTime ts)
    {
        var text = new StringBuilder(96 * samples);
        text.Append(CultureInfo.InvariantCulture, $"{{\"seq\":{seq},\"device\":\"{device}\",\"samples\":[");
        var stamp = ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < samples; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"point\":\"point_{i:D2}\",\"ts\":\"{stamp}\",\"value\":{(seq * 31 + i) % 10000 / 100.0},\"quality\":\"good\"}}");
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }
}
