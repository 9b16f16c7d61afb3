using System.Device.Gpio;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// A <see cref="GpioDriver"/> behind the <see cref="GpioController"/> seam: pins hold levels, inputs are driven by
/// the test (<see cref="SetInput"/>), which fires the registered callbacks for the matching edge like a real driver,
/// and output writes are recorded.
/// </summary>
public sealed class FakeGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, PinState> _pins = [];

    private long _emittedRising;
    private long _emittedFalling;

    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    /// <summary>Rising edges emitted by <see cref="SetInput"/> (all pins).</summary>
    public long EmittedRising => Interlocked.Read(ref _emittedRising);

    /// <summary>Falling edges emitted by <see cref="SetInput"/> (all pins).</summary>
    public long EmittedFalling => Interlocked.Read(ref _emittedFalling);

    protected override int PinCount => 64;

    public PinMode? ModeOf(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out PinState? s) && s.Open ? s.Mode : null;
        }
    }

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out PinState? s) && s.Open;
        }
    }

    public int CallbackCount(int pin)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(pin, out PinState? s) ? s.Callbacks.Count : 0;
        }
    }

    /// <summary>Sets the external level on an input pin; an actual change fires the callbacks of that edge.</summary>
    public void SetInput(int pin, bool high)
    {
        (PinEventTypes Types, PinChangeEventHandler Handler)[] targets;
        PinEventTypes edge;
        lock (_gate)
        {
            PinState state = Get(pin);
            if (state.Level == high)
            {
                return;
            }

            state.Level = high;
            edge = high ? PinEventTypes.Rising : PinEventTypes.Falling;
            targets = [.. state.Callbacks];
        }

        Interlocked.Increment(ref high ? ref _emittedRising : ref _emittedFalling);

        foreach ((PinEventTypes types, PinChangeEventHandler handler) in targets)
        {
            if ((types & edge) != 0)
            {
                handler(this, new PinValueChangedEventArgs(edge, pin));
            }
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Get(pinNumber).Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            Get(pinNumber).Open = false;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            Get(pinNumber).Mode = mode;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_gate)
        {
            PinState state = Get(pinNumber);
            state.Mode = mode;
            state.Level = initialValue == PinValue.High;
            Writes.Add((pinNumber, initialValue));
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Get(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Get(pinNumber).Level ? PinValue.High : PinValue.Low;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            Get(pinNumber).Level = value == PinValue.High;
            Writes.Add((pinNumber, value));
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The drivers under test use callbacks, not WaitForEvent.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Get(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Get(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private PinState Get(int pin)
    {
        if (!_pins.TryGetValue(pin, out PinState? state))
        {
            state = new PinState();
            _pins[pin] = state;
        }

        return state;
    }

    private sealed class PinState
    {
        public bool Open { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public bool Level { get; set; }

        public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];
    }
}
