using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Pipeline;

/// <summary>
/// An idle pipeline sleeps until its next 100 ms tick. It used to wake a fraction of a millisecond before each tick,
/// ask for a wait of less than a millisecond, which the event's wait truncates to none, and spin until the tick
/// (hundreds of turns a tick, a third of the idle daemon's CPU). Real time on purpose: the truncation is the
/// runtime's, so a test clock would not show it.
/// </summary>
public sealed class IdlePipelineTests
{
    [Fact]
    public async Task An_idle_pipeline_turns_about_once_per_tick_and_does_not_spin_before_it()
    {
        using var dir = new TempDir();
        var config = new GatewayConfig
        {
            Gateway = new GatewayIdentity("gw"),
            Storage = new StorageConfig { Path = dir.File("outbox.db") },
            Devices = [new DeviceConfig { Id = "d", Points = [new PointConfig { Id = "p" }] }],
        };
        using var outbox = Outbox.Open(new OutboxOptions { Path = config.Storage.Path }, NullLogger.Instance, TimeProvider.System);
        var runtime = new GatewayRuntime(config, outbox, [], TimeProvider.System);
        using var pipeline = new PipelineService(runtime, NullLogger<PipelineService>.Instance);
        await pipeline.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(300);
            var before = pipeline.Wakeups;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(2000);
            var turns = pipeline.Wakeups - before;
            var ticks = watch.Elapsed.TotalMilliseconds / 100;

            // 20 ticks in 2 s; a loaded machine turns less often, never more. Twice that leaves room for the odd early
            // wake-up; the spin was hundreds a tick.
            Assert.True(turns > 0, "the pipeline did not turn at all");
            Assert.True(turns <= 2 * Math.Ceiling(ticks) + 2, $"{turns} turns of the idle pipeline in {watch.Elapsed.TotalMilliseconds:F0} ms ({ticks:F0} ticks)");
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }
}
