using System.Device.Gpio;

namespace EdgeTwin.Devices.Gpio;

/// <summary>
/// A digital output pin. This is only the write path: whether a write is allowed (allow-list, authorisation,
/// audit) is decided by the gateway's command router before it calls <see cref="Write"/>. The controller is owned
/// by the caller; the pin is opened here and closed on <see cref="Dispose"/>.
/// </summary>
public sealed class DigitalOutput : IDisposable
{
    private readonly GpioController _controller;
    private readonly Lock _gate = new();
    private bool _value;
    private bool _disposed;

    /// <summary>Opens the pin as an output driven to <paramref name="initialValue"/> from the start (no glitch).</summary>
    /// <param name="controller">The controller, owned by the caller.</param>
    /// <param name="pin">GPIO line number.</param>
    /// <param name="initialValue">Logical value to drive at open.</param>
    /// <param name="inverted">Drive low for true (active-low relays).</param>
    public DigitalOutput(GpioController controller, int pin, bool initialValue = false, bool inverted = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        GpioPins.CheckPin(pin);
        _controller = controller;
        Pin = pin;
        Inverted = inverted;
        _value = initialValue;
        controller.OpenPin(pin, PinMode.Output, Level(initialValue));
    }

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }

    /// <summary>Whether true drives the pin low.</summary>
    public bool Inverted { get; }

    /// <summary>The last logical value written.</summary>
    public bool Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Drives the pin to a logical value.</summary>
    public void Write(bool value)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _controller.Write(Pin, Level(value));
            _value = value;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_controller.IsPinOpen(Pin))
            {
                _controller.ClosePin(Pin);
            }
        }
    }

    private PinValue Level(bool value) => value ^ Inverted ? PinValue.High : PinValue.Low;
}
