using System.Device.Gpio;
using EdgeTwin.Devices.Gpio;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Gpio;

public sealed class DigitalOutputTests : IDisposable
{
    private const int Relay = 22;
    private readonly FakeGpioDriver _driver = new();
    private readonly GpioController _controller;

    public DigitalOutputTests()
    {
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Writes_reach_the_driver()
    {
        using var output = new DigitalOutput(_controller, Relay);

        output.Write(true);
        output.Write(false);

        Assert.Equal(PinMode.Output, _driver.ModeOf(Relay));
        Assert.Equal([(Relay, PinValue.Low), (Relay, PinValue.High), (Relay, PinValue.Low)], _driver.Writes);
        Assert.False(output.Value);
    }

    [Fact]
    public void Inverted_output_drives_low_for_true_from_the_moment_it_opens()
    {
        using var output = new DigitalOutput(_controller, Relay, initialValue: false, inverted: true);

        output.Write(true);

        Assert.Equal([(Relay, PinValue.High), (Relay, PinValue.Low)], _driver.Writes);
        Assert.True(output.Value);
    }

    [Fact]
    public void Dispose_closes_the_pin_and_later_writes_fail()
    {
        var output = new DigitalOutput(_controller, Relay);

        output.Dispose();

        Assert.False(_driver.IsOpen(Relay));
        Assert.Throws<ObjectDisposedException>(() => output.Write(true));
    }
}
