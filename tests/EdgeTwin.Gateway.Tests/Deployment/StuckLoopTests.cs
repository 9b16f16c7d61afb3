using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Deployment;

/// <summary>The real pipeline and device supervisor with device loops that poll, or poll once and then hang.</summary>
public sealed class StuckLoopTests
{
    [Fact]
    public async Task Ready_comes_after_the_first_poll_and_pets_stop_when_a_device_loop_hangs()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));
        var config = new GatewayConfig
        {
            Gateway = new GatewayIdentity("gw"),
            Devices = [Fast("steady"), Fast("hung")],
        };
        using var outbox = Outbox.Open(new OutboxOptions { Path = dir.File("outbox.db") }, NullLogger.Instance);
        var steady = new FakeLoop(0, "steady", systemd, hangAfterFirstCycle: false);
        var hung = new FakeLoop(1, "hung", systemd, hangAfterFirstCycle: true);
        var runtime = new GatewayRuntime(config, outbox, [steady, hung], TimeProvider.System);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());
        builder.Services.AddSingleton<DevicesService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DevicesService>());
        builder.Services.AddGatewayWatchdog(
            new WatchdogNotifier(systemd.Path),
            new WatchdogSettings { Interval = TimeSpan.FromMilliseconds(100), MinimumDeviceStall = TimeSpan.Zero, PipelineStall = TimeSpan.FromSeconds(5) });
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var ready = await systemd.WaitForAsync("READY=1", TimeSpan.FromSeconds(10));
            Assert.True(ready >= steady.FirstCycleAt, $"READY=1 at {ready} came before the first cycle of 'steady' at {steady.FirstCycleAt}");
            Assert.True(ready >= hung.FirstCycleAt, $"READY=1 at {ready} came before the first cycle of 'hung' at {hung.FirstCycleAt}");
            await systemd.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(5), after: ready);

            // 'hung' finished one cycle and then blocks: past its stall limit the watchdog stops petting, while
            // 'steady' keeps polling.
            var stuck = await systemd.WaitForAsync("STATUS=stuck: device loop hung", TimeSpan.FromSeconds(10));
            var pollsThen = steady.Status.Polls;
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(systemd.Received, r => r.At > stuck && r.Text == "WATCHDOG=1");
            Assert.True(steady.Status.Polls > pollsThen + 5, "the steady loop kept polling");
            Assert.Equal(1, hung.Status.Polls);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // Stall limit: 10 × 200 ms poll + 2 × 200 ms back-off + 10 × 50 ms timeout = 2.9 s (the loops themselves cycle
    // every 50 ms, so a busy machine has plenty of slack before the steady one looks stuck).
    private static DeviceConfig Fast(string id) => new()
    {
        Id = id,
        Poll = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        Timeout = TimeSpan.FromMilliseconds(50),
        Retries = 0,
    };

    private sealed class FakeLoop(int device, string id, FakeNotifySocket clock, bool hangAfterFirstCycle) : IDeviceSource
    {
        public int Device { get; } = device;

        public DeviceStatus Status { get; } = new(id);

        public TimeSpan FirstCycleAt { get; private set; } = TimeSpan.MaxValue;

        public async Task RunAsync(ISampleSink sink, CancellationToken cancellationToken)
        {
            // A first cycle that takes a while, so that an early READY=1 would show.
            await Task.Delay(300, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                Status.CycleCompleted(now, samples: 0, badPoints: 0, error: null);
                if (FirstCycleAt == TimeSpan.MaxValue)
                {
                    FirstCycleAt = clock.Now;
                }

                await sink.WriteAsync(SampleBatch.Rent(Device, now, 0), cancellationToken);
                if (hangAfterFirstCycle)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                await Task.Delay(50, cancellationToken);
            }
        }

        public Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("read-only test loop");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
