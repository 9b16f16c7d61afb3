using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Deployment;

public sealed class WatchdogServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Pets_while_healthy_stops_while_stuck_and_resumes_after_recovery()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));
        var verdict = WatchdogVerdict.Well;
        using var service = new WatchdogService(
            () => verdict,
            new WatchdogNotifier(systemd.Path),
            new WatchdogSettings { Interval = Interval },
            TimeProvider.System,
            NullLogger<WatchdogService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForPetsAsync(systemd, 5);

        verdict = WatchdogVerdict.Stuck("device loop plc1 has not finished a cycle for 200 s (limit 120 s)");
        var stuckAt = await systemd.WaitForAsync("STATUS=stuck: device loop plc1 has not finished a cycle for 200 s (limit 120 s)", TimeSpan.FromSeconds(5));
        await Task.Delay(Interval * 10);
        Assert.DoesNotContain(systemd.Received, r => r.At > stuckAt && r.Text == "WATCHDOG=1");
        Assert.Equal(1, systemd.Count("STATUS=stuck: device loop plc1 has not finished a cycle for 200 s (limit 120 s)"));

        verdict = WatchdogVerdict.Well;
        var recoveredAt = await systemd.WaitForAsync("STATUS=running", TimeSpan.FromSeconds(5));
        await systemd.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(5), after: recoveredAt);

        await service.StopAsync(CancellationToken.None);
        Assert.True(service.Pets >= 6);
    }

    [Fact]
    public async Task Does_nothing_when_systemd_set_no_watchdog()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));
        using var service = new WatchdogService(
            () => WatchdogVerdict.Well,
            new WatchdogNotifier(systemd.Path),
            new WatchdogSettings { Interval = null },
            TimeProvider.System,
            NullLogger<WatchdogService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await Task.Delay(Interval * 6);
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(systemd.Received);
        Assert.Equal(0, service.Pets);
    }

    private static async Task WaitForPetsAsync(FakeNotifySocket systemd, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (systemd.Count("WATCHDOG=1") < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {systemd.Count("WATCHDOG=1")} pets within 10 s");
            await Task.Delay(20);
        }
    }
}
