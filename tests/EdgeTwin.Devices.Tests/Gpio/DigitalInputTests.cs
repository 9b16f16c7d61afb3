using System.Device.Gpio;
using EdgeTwin.Devices.Gpio;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Gpio;

public sealed class DigitalInputTests : IDisposable
{
    private const int Door = 17;
    private readonly FakeGpioDriver _driver = new();
    private readonly GpioController _controller;
    private readonly SimulatedClock _clock = new();
    private readonly List<DigitalInputChange> _changes = [];

    public DigitalInputTests()
    {
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    private DigitalInput Open(TimeSpan debounce, GpioPull pull = GpioPull.Up, bool inverted = false, bool initialHigh = true)
    {
        _driver.SetInput(Door, initialHigh);
        var input = new DigitalInput(_controller, new DigitalInputOptions(Door, pull, debounce, inverted), _clock);
        input.Changed += (_, change) => _changes.Add(change);
        return input;
    }

    private void Edge(bool high, double afterMs)
    {
        _clock.Advance(TimeSpan.FromMilliseconds(afterMs));
        _driver.SetInput(Door, high);
    }

    [Theory]
    [InlineData(GpioPull.Up, PinMode.InputPullUp)]
    [InlineData(GpioPull.Down, PinMode.InputPullDown)]
    [InlineData(GpioPull.None, PinMode.Input)]
    public void Opens_the_pin_with_its_pull_and_reads_the_initial_level(GpioPull pull, PinMode mode)
    {
        using DigitalInput input = Open(TimeSpan.FromMilliseconds(20), pull);

        Assert.Equal(mode, _driver.ModeOf(Door));
        Assert.True(input.Value);
        Assert.Equal(1, _driver.CallbackCount(Door));
    }

    [Fact]
    public void Bounces_shorter_than_the_debounce_time_give_one_change_at_the_edge_that_stuck()
    {
        using DigitalInput input = Open(TimeSpan.FromMilliseconds(20));

        Edge(false, 100);   // t=100 ms: contact opens, bounces for 3 ms
        Edge(true, 1);
        Edge(false, 1);
        Edge(true, 0.5);
        Edge(false, 0.5);   // t=103 ms: settles low
        DateTimeOffset settledAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Empty(_changes);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        DigitalInputChange change = Assert.Single(_changes);
        Assert.False(change.Value);
        Assert.Equal(Door, change.Pin);
        Assert.Equal(settledAt, change.Timestamp);
        Assert.False(input.Value);
        Assert.Equal(settledAt, input.LastChange);
        Assert.Equal(1, input.ChangeCount);
    }

    [Fact]
    public void A_glitch_shorter_than_the_debounce_time_is_suppressed()
    {
        using DigitalInput input = Open(TimeSpan.FromMilliseconds(20));

        Edge(false, 10);
        Edge(true, 15);     // back high after 15 ms < 20 ms
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_changes);
        Assert.True(input.Value);
        Assert.Equal(0, input.ChangeCount);
    }

    [Fact]
    public void Door_open_then_closed_reports_both_edges_with_their_timestamps()
    {
        // Contact to GND with pull-up, inverted: closed (low) = true. The door starts closed.
        using DigitalInput input = Open(TimeSpan.FromMilliseconds(20), GpioPull.Up, inverted: true, initialHigh: false);
        Assert.True(input.Value);

        Edge(true, 1000);
        DateTimeOffset opened = _clock.GetUtcNow();
        Edge(false, 5000);
        DateTimeOffset closed = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal([new DigitalInputChange(Door, false, opened), new DigitalInputChange(Door, true, closed)], _changes);
        Assert.Equal(TimeSpan.FromSeconds(5), closed - opened);
        Assert.True(input.Value);
    }

    [Fact]
    public void Without_debounce_every_edge_is_reported_at_once()
    {
        using DigitalInput input = Open(TimeSpan.Zero);

        Edge(false, 1);
        Edge(true, 1);
        Edge(false, 1);

        Assert.Equal([false, true, false], _changes.Select(c => c.Value));
        Assert.Equal(3, input.ChangeCount);
    }

    [Fact]
    public void Dispose_unregisters_the_callback_and_closes_the_pin()
    {
        DigitalInput input = Open(TimeSpan.FromMilliseconds(20));

        input.Dispose();
        Edge(false, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, _driver.CallbackCount(Door));
        Assert.False(_driver.IsOpen(Door));
        Assert.Empty(_changes);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DigitalInputOptions(-1).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DigitalInputOptions(4, Debounce: TimeSpan.FromSeconds(-1)).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DigitalInputOptions(4, Debounce: TimeSpan.FromMinutes(1)).Validate());
    }
}
