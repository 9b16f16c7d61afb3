using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Pipeline;

/// <summary>
/// When the pipeline commits a group: at once when nothing else waits (commitInterval 0, the default), or not before
/// the configured interval since the previous commit. The clock never moves unless the test moves it, so a commit
/// that waited for a timer window could not happen.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task With_the_default_interval_a_batch_is_committed_without_waiting_for_time_to_pass()
    {
        using var dir = new TempDir();
        var clock = new StepClock();
        var config = Config(new StorageConfig { Path = dir.File("outbox.db") });
        Assert.Equal(TimeSpan.Zero, config.Storage.CommitInterval);
        using var outbox = Outbox.Open(new OutboxOptions { Path = config.Storage.Path }, NullLogger.Instance, clock);
        var runtime = new GatewayRuntime(config, outbox, [], clock);
        using var pipeline = new PipelineService(runtime, NullLogger<PipelineService>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        try
        {
            await runtime.Channel.WriteAsync(Batch(clock));
            await WaitUntilAsync(() => outbox.LastCommittedSeq >= 1, "the batch's message was committed");
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task With_a_commit_interval_the_group_waits_until_the_interval_has_passed()
    {
        using var dir = new TempDir();
        var clock = new StepClock();
        var config = Config(new StorageConfig { Path = dir.File("outbox.db"), CommitInterval = TimeSpan.FromSeconds(1) });
        using var outbox = Outbox.Open(new OutboxOptions { Path = config.Storage.Path }, NullLogger.Instance, clock);
        var runtime = new GatewayRuntime(config, outbox, [], clock);
        using var pipeline = new PipelineService(runtime, NullLogger<PipelineService>.Instance);
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.AfterApply = _ => applied.TrySetResult();
        await pipeline.StartAsync(CancellationToken.None);
        try
        {
            await runtime.Channel.WriteAsync(Batch(clock));
            await applied.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, outbox.LastCommittedSeq);

            clock.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => outbox.LastCommittedSeq >= 1, "the group was committed once the interval had passed");
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData(1000, new[] { 1000 })]
    [InlineData(1001, new[] { 501, 500 })]
    [InlineData(2400, new[] { 800, 800, 800 })]
    public async Task A_large_batch_is_split_into_equal_messages(int points, int[] expected)
    {
        using var dir = new TempDir();
        var clock = new StepClock();
        var config = Config(new StorageConfig { Path = dir.File("outbox.db") }) with
        {
            Devices = [new DeviceConfig { Id = "d", Points = Enumerable.Range(0, points).Select(i => new PointConfig { Id = $"point_{i:D4}" }).ToArray() }],
        };
        using var outbox = Outbox.Open(new OutboxOptions { Path = config.Storage.Path }, NullLogger.Instance, clock);
        var runtime = new GatewayRuntime(config, outbox, [], clock);
        using var pipeline = new PipelineService(runtime, NullLogger<PipelineService>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var batch = SampleBatch.Rent(0, now, points);
            for (var i = 0; i < points; i++)
            {
                batch.Add(new Sample(i, now, 1000.125 + i, Quality.Good));
            }

            await runtime.Channel.WriteAsync(batch);
            await WaitUntilAsync(() => outbox.LastCommittedSeq >= expected.Length, "every part was committed");
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }

        var messages = outbox.ReadAfter(0, 100).Where(m => m.Kind == OutboxKind.Telemetry).ToList();
        var counts = messages.Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("samples").GetArrayLength()).ToArray();
        Assert.Equal(expected, counts);
        Assert.Equal(Enumerable.Range(0, points), messages.SelectMany(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("samples").EnumerateArray())
            .Select(s => int.Parse(s.GetProperty("point").GetString()!["point_".Length..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static GatewayConfig Config(StorageConfig storage) => new()
    {
        Gateway = new GatewayIdentity("gw"),
        Storage = storage,
        Devices = [new DeviceConfig { Id = "d", Points = [new PointConfig { Id = "p" }] }],
    };

    private static SampleBatch Batch(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = SampleBatch.Rent(0, now, 1);
        batch.Add(new Sample(0, now, 1.5, Quality.Good));
        return batch;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting: " + what);
            await Task.Delay(10);
        }
    }
}
