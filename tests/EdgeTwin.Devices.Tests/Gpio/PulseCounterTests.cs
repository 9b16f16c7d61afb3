using System.Device.Gpio;
using EdgeTwin.Devices.Gpio;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Gpio;

public sealed class PulseCounterTests : IDisposable
{
    private const int Meter = 27;
    private readonly FakeGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly SimulatedClock _clock = new();

    public PulseCounterTests()
    {
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    /// <summary>A square wave: <paramref name="pulses"/> periods at <paramref name="hertz"/>, 50 % duty, simulated time.</summary>
    private void PulseTrain(int pulses, double hertz)
    {
        TimeSpan half = TimeSpan.FromSeconds(0.5 / hertz);
        for (int i = 0; i < pulses; i++)
        {
            _clock.Advance(half);
            _driver.SetInput(Meter, true);
            _clock.Advance(half);
            _driver.SetInput(Meter, false);
        }
    }

    [Theory]
    [InlineData(PulseEdge.Rising, 1000)]
    [InlineData(PulseEdge.Falling, 1000)]
    [InlineData(PulseEdge.Both, 2000)]
    public void One_second_of_1_kHz_pulses_is_counted_without_loss(PulseEdge edge, int expected)
    {
        using var counter = new PulseCounter(_controller, new PulseCounterOptions(Meter, edge, RateWindow: TimeSpan.FromSeconds(1)), _clock);

        PulseTrain(1000, 1000);
        PulseCounterReading reading = counter.Read();

        Assert.Equal(expected, reading.Count);
        Assert.Equal(expected, reading.RatePerSecond, 6);
        Assert.Equal(_clock.GetUtcNow(), reading.Timestamp);
        long lastEdge = _clock.GetTimestamp() - (edge == PulseEdge.Rising ? TimeSpan.FromMilliseconds(0.5).Ticks : 0);
        Assert.Equal(lastEdge, counter.LastPulseTimestamp); // the train ends on a falling edge
    }

    [Fact]
    public void Edges_delivered_concurrently_from_several_threads_are_all_counted()
    {
        // Four threads toggle one pin at once, so callbacks reach the counter concurrently and stress the
        // Interlocked path; every rising edge the driver emitted must be counted exactly once.
        using var shared = new PulseCounter(_controller, new PulseCounterOptions(4), _clock);
        const int togglesPerThread = 20_000;

        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < togglesPerThread; i++)
            {
                _driver.SetInput(4, i % 2 == 0);
            }
        });

        Assert.Equal(_driver.EmittedRising, shared.Count);
        Assert.True(shared.Count > 0);
    }

    [Fact]
    public void Rate_is_taken_over_the_window_and_falls_to_zero_when_pulses_stop()
    {
        using var counter = new PulseCounter(_controller, new PulseCounterOptions(Meter, RateWindow: TimeSpan.FromSeconds(2)), _clock);

        for (int second = 0; second < 4; second++)
        {
            PulseTrain(100, 100);
            Assert.Equal(100.0, counter.Read().RatePerSecond, 6);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(50.0, counter.Read().RatePerSecond, 6);  // 100 pulses in the last 2 s
        _clock.Advance(TimeSpan.FromSeconds(1));
        PulseCounterReading stopped = counter.Read();

        Assert.Equal(0.0, stopped.RatePerSecond, 6);
        Assert.Equal(400, stopped.Count);
    }

    [Fact]
    public void Opens_the_pin_with_its_pull_and_closes_it_on_dispose()
    {
        var counter = new PulseCounter(_controller, new PulseCounterOptions(Meter, Pull: GpioPull.Down), _clock);
        Assert.Equal(PinMode.InputPullDown, _driver.ModeOf(Meter));

        counter.Dispose();
        PulseTrain(10, 100);

        Assert.Equal(0, counter.Count);
        Assert.False(_driver.IsOpen(Meter));
        Assert.Equal(0, _driver.CallbackCount(Meter));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseCounterOptions(Meter, RateWindow: TimeSpan.Zero).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseCounterOptions(Meter, (PulseEdge)9).Validate());
    }
}
