using System.Device.Gpio;
using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Devices.Tests.Simulation;
using static EdgeTwin.Acquisition.Tests.Devices.SensorTables;

namespace EdgeTwin.Acquisition.Tests.Devices;

public sealed class GpioDeviceSourceTests
{
    private const int Door = 17;
    private const int Flow = 27;
    private const int Lamp = 22;

    // Time moves only when a test advances it: debounce, poll and rate are exact.
    private readonly SimulatedClock _clock = new();
    private readonly FakeGpioDriver _driver = new();

    private GpioDeviceSource NewSource(PointTable table) => new(0, table, _clock, _ => new GpioController(_driver));

    [Fact]
    public async Task A_door_opening_is_published_at_once_as_its_own_batch_after_the_debounce()
    {
        PointTable table = Gpio([Input("door", Door, TimeSpan.FromMilliseconds(20)), Counter("flow_pulses", Flow)]);
        await using GpioDeviceSource source = NewSource(table);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        RecordedBatch poll = (await sink.WaitForBatchesAsync(1))[0];
        Assert.Equal(PinMode.InputPullUp, _driver.ModeOf(Door));

        DateTime opened = _clock.GetUtcNow().UtcDateTime;
        _driver.SetInput(Door, true);                    // contact opens...
        _clock.Advance(TimeSpan.FromMilliseconds(3));
        _driver.SetInput(Door, false);                   // ...bounces...
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        DateTime settled = _clock.GetUtcNow().UtcDateTime;
        _driver.SetInput(Door, true);                    // ...and stays open
        Assert.Single(sink.Batches);                     // nothing before the level held for the debounce time
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        IReadOnlyList<RecordedBatch> batches = await sink.WaitForBatchesAsync(2);
        await stop.CancelAsync();
        await loop;

        Assert.Equal([0.0, 0.0], poll.Samples.Select(s => s.Value));
        Sample edge = Assert.Single(batches[1].Samples);
        Assert.Equal(table.Points[0].Index, edge.Point);
        Assert.Equal(1.0, edge.Value);
        Assert.Equal(Quality.Good, edge.Quality);
        Assert.Equal(settled, edge.Timestamp);           // when the now-stable level began
        Assert.True(settled > opened);
        Assert.Equal(2, sink.Batches.Count);             // the hourly poll did not run again
    }

    [Fact]
    public async Task The_level_is_published_every_poll()
    {
        await using GpioDeviceSource source = NewSource(Gpio([Input("door", Door)], poll: TimeSpan.FromSeconds(1)));
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        await sink.WaitForBatchesAsync(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitForBatchesAsync(2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        IReadOnlyList<RecordedBatch> batches = await sink.WaitForBatchesAsync(3);
        await stop.CancelAsync();
        await loop;

        Assert.Equal([0, 1, 2], batches.Select(b => (int)(b.CycleTime - batches[0].CycleTime).TotalSeconds));
        Assert.All(batches, b => Assert.Single(b.Samples));
        Assert.Equal(3, source.Status.Polls);
        Assert.Equal(DeviceState.Online, source.Status.State);
    }

    [Fact]
    public async Task Ten_seconds_of_1_kHz_pulses_are_counted_without_loss_with_count_and_rate_points_scaled()
    {
        // A water meter giving one pulse per litre: count in m³ (0.001 per pulse), rate in m³/h (0.001 × 3600).
        PointTable table = Gpio(
        [
            Counter("water", Flow, scale: 0.001),
            Counter("water_flow", Flow, rate: true, scale: 3.6),
        ], poll: TimeSpan.FromSeconds(10));
        await using GpioDeviceSource source = NewSource(table);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        await sink.WaitForBatchesAsync(1);

        TimeSpan half = TimeSpan.FromMilliseconds(0.5);
        for (int i = 0; i < 10_000; i++)
        {
            _clock.Advance(half);
            _driver.SetInput(Flow, true);
            _clock.Advance(half); // the 10 s poll falls due on the last step, after the last rising edge
            _driver.SetInput(Flow, false);
        }

        IReadOnlyList<RecordedBatch> batches = await sink.WaitForBatchesAsync(2);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(TimeSpan.FromSeconds(10), batches[1].CycleTime - batches[0].CycleTime);
        Assert.Equal(10.0, batches[1].Samples[0].Value, 9);    // 10 000 pulses × 1 l
        Assert.Equal(3600.0, batches[1].Samples[1].Value, 6);  // 1000 l/s = 3600 m³/h
        Assert.Equal(10_000, _driver.EmittedRising);
    }

    [Fact]
    public async Task An_output_write_reaches_the_driver_and_is_published_at_once()
    {
        PointTable table = Gpio([Input("door", Door), Output("lamp", Lamp, verify: true)]);
        await using GpioDeviceSource source = NewSource(table);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        RecordedBatch poll = (await sink.WaitForBatchesAsync(1))[0];
        Assert.Equal(PinMode.Output, _driver.ModeOf(Lamp));

        await source.WriteAsync(table.Points[1], 1);
        IReadOnlyList<RecordedBatch> batches = await sink.WaitForBatchesAsync(2);
        await source.WriteAsync(table.Points[1], 0);
        batches = await sink.WaitForBatchesAsync(3);
        await stop.CancelAsync();
        await loop;

        Assert.Equal([(Lamp, PinValue.Low), (Lamp, PinValue.High), (Lamp, PinValue.Low)], _driver.Writes);
        Assert.Equal(0.0, poll.Samples[1].Value);
        Assert.Equal(1.0, Assert.Single(batches[1].Samples).Value);
        Assert.Equal(0.0, Assert.Single(batches[2].Samples).Value);
    }

    [Fact]
    public async Task Writes_other_than_0_or_1_to_an_output_or_any_write_to_an_input_are_refused()
    {
        PointTable table = Gpio([Input("door", Door), Output("lamp", Lamp)]);
        await using GpioDeviceSource source = NewSource(table);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => source.WriteAsync(table.Points[1], 0.5));
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => source.WriteAsync(table.Points[0], 1));
        Assert.Equal("point 'board/door': only GPIO outputs are writable, this is an input", refused.Message);
        Assert.DoesNotContain(_driver.Writes, w => w.Value == PinValue.High);
    }

    [Fact]
    public async Task A_chip_that_cannot_be_opened_gives_bad_samples_with_the_reason_and_is_retried()
    {
        int attempts = 0;
        GpioController Open(int chip) => ++attempts == 1
            ? throw new GpioUnavailableException(chip, "GPIO chip 0: /dev/gpiochip0 does not exist")
            : new GpioController(_driver);
        PointTable table = Gpio([Input("door", Door), Counter("flow", Flow)], poll: TimeSpan.FromSeconds(1));
        await using var source = new GpioDeviceSource(0, table, _clock, Open);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);

        RecordedBatch bad = (await sink.WaitForBatchesAsync(1))[0];
        Assert.Equal(DeviceState.Offline, source.Status.State);
        _clock.Advance(TimeSpan.FromSeconds(1)); // back-off: one poll interval
        IReadOnlyList<RecordedBatch> batches = await sink.WaitForBatchesAsync(2);
        await stop.CancelAsync();
        await loop;

        Assert.All(bad.Samples, s => Assert.Equal("GPIO chip 0: /dev/gpiochip0 does not exist", s.Text));
        Assert.All(batches[1].Samples, s => Assert.Equal(Quality.Good, s.Quality));
        Assert.Equal(1, source.Status.Reconnects);
        Assert.Equal(DeviceState.Online, source.Status.State);
    }

    [Fact]
    public async Task Disposing_closes_every_pin()
    {
        PointTable table = Gpio([Input("door", Door), Counter("flow", Flow), Output("lamp", Lamp)]);
        GpioDeviceSource source = NewSource(table);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        await sink.WaitForBatchesAsync(1);

        await stop.CancelAsync();
        await loop;
        await source.DisposeAsync();

        Assert.False(_driver.IsOpen(Door));
        Assert.False(_driver.IsOpen(Flow));
        Assert.False(_driver.IsOpen(Lamp));
        Assert.Equal(0, _driver.CallbackCount(Door));
    }

    [Fact]
    public void Two_points_on_one_pin_are_a_start_up_error_unless_both_read_one_counter()
    {
        PointTable bad = Gpio([Input("door", Door), Output("lamp", Door)]);
        var ex = Assert.Throws<SensorConfigurationException>(() => NewSource(bad));
        Assert.Equal("device 'board': point 'lamp' pin: pin 17 is already used by point 'door' (input); only counter points may share a pin", ex.Message);

        PointTable edges = Gpio([Counter("a", Flow), Counter("b", Flow, rate: true, edge: "both")]);
        Assert.Contains("points of one counter must agree", Assert.Throws<SensorConfigurationException>(() => NewSource(edges)).Message);

        _ = NewSource(Gpio([Counter("count", Flow), Counter("rate", Flow, rate: true)]));
    }
}
