using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Sources;
using EdgeTwin.Gateway.Hosting;

namespace EdgeTwin.Gateway.Tests.Deployment;

public sealed class WatchdogHealthTests
{
    private static readonly WatchdogSettings Settings = new() { MinimumDeviceStall = TimeSpan.FromMinutes(2), PipelineStall = TimeSpan.FromMinutes(1) };

    private static DeviceConfig Device(string id, TimeSpan? poll = null) => new() { Id = id, Poll = poll ?? TimeSpan.FromSeconds(1) };

    [Fact]
    public void Stall_limit_covers_ten_polls_two_backoffs_and_ten_request_timeouts_and_never_less_than_the_minimum()
    {
        var slow = new DeviceConfig { Id = "slow", Poll = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromSeconds(2), Retries = 2 };
        Assert.Equal(TimeSpan.FromSeconds(300 + 120 + 60), WatchdogHealth.StallLimit(slow, TimeSpan.FromMinutes(2)));
        Assert.Equal(TimeSpan.FromMinutes(2), WatchdogHealth.StallLimit(Device("fast"), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Stall_limit_follows_the_fastest_scan_class()
    {
        var device = new DeviceConfig
        {
            Id = "plc",
            Poll = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.Zero,
            Timeout = TimeSpan.Zero,
            Points = [new PointConfig { Id = "a", Poll = TimeSpan.FromMinutes(1) }, new PointConfig { Id = "b", Poll = TimeSpan.FromMinutes(5) }],
        };
        Assert.Equal(TimeSpan.FromMinutes(10), WatchdogHealth.StallLimit(device, TimeSpan.Zero));
    }

    [Fact]
    public void Healthy_while_every_loop_moves()
    {
        var clock = new ManualClock();
        var status = new DeviceStatus("plc1");
        DateTime? beat = null;
        var health = new WatchdogHealth([new WatchdogDevice(Device("plc1"), status)], () => beat, clock, Settings);

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(90));
            beat = clock.GetUtcNow().UtcDateTime;
            status.CycleCompleted(clock.GetUtcNow().UtcDateTime, samples: 3, badPoints: 0, error: null);
            Assert.Equal(WatchdogVerdict.Well, health.Check());
        }
    }

    [Fact]
    public void An_offline_device_that_keeps_retrying_is_progress()
    {
        var clock = new ManualClock();
        var status = new DeviceStatus("plc1");
        var health = new WatchdogHealth([new WatchdogDevice(Device("plc1"), status)], () => clock.GetUtcNow().UtcDateTime, clock, Settings);

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            status.Offline(clock.GetUtcNow().UtcDateTime, "connection refused");
            Assert.True(health.Check().Healthy);
        }
    }

    [Fact]
    public void A_device_loop_without_a_cycle_beyond_its_limit_is_stuck()
    {
        var clock = new ManualClock();
        var ok = new DeviceStatus("ok");
        var stuck = new DeviceStatus("stuck");
        var health = new WatchdogHealth(
            [new WatchdogDevice(Device("ok"), ok), new WatchdogDevice(Device("stuck"), stuck)],
            () => clock.GetUtcNow().UtcDateTime,
            clock,
            Settings);
        stuck.CycleCompleted(clock.GetUtcNow().UtcDateTime, 1, 0, null);

        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            ok.CycleCompleted(clock.GetUtcNow().UtcDateTime, 1, 0, null);
        }

        Assert.True(health.Check().Healthy); // exactly 120 s: at the limit, not beyond it
        clock.Advance(TimeSpan.FromSeconds(1));
        ok.CycleCompleted(clock.GetUtcNow().UtcDateTime, 1, 0, null);

        var verdict = health.Check();
        Assert.False(verdict.Healthy);
        Assert.Equal("device loop stuck has not finished a cycle for 121 s (limit 120 s)", verdict.Problem);
    }

    [Fact]
    public void A_device_that_never_finished_a_cycle_is_measured_from_the_start()
    {
        var clock = new ManualClock();
        var health = new WatchdogHealth([new WatchdogDevice(Device("plc1"), new DeviceStatus("plc1"))], () => clock.GetUtcNow().UtcDateTime, clock, Settings);
        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.True(health.Check().Healthy);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("device loop plc1", health.Check().Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_that_stopped_turning_is_stuck_even_when_devices_move()
    {
        var clock = new ManualClock();
        var status = new DeviceStatus("plc1");
        var beat = clock.GetUtcNow().UtcDateTime;
        var health = new WatchdogHealth([new WatchdogDevice(Device("plc1"), status)], () => beat, clock, Settings);

        clock.Advance(TimeSpan.FromSeconds(60));
        status.CycleCompleted(clock.GetUtcNow().UtcDateTime, 1, 0, null);
        Assert.True(health.Check().Healthy);

        clock.Advance(TimeSpan.FromSeconds(5));
        status.CycleCompleted(clock.GetUtcNow().UtcDateTime, 1, 0, null);
        Assert.Equal("the pipeline loop has not turned for 65 s", health.Check().Problem);

        beat = clock.GetUtcNow().UtcDateTime;
        Assert.True(health.Check().Healthy);
    }
}
