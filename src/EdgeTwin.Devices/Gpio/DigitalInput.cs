using System.Device.Gpio;

namespace EdgeTwin.Devices.Gpio;

/// <summary>
/// A digital input with software debounce on a <see cref="GpioController"/>. Edges arrive through the controller's
/// pin-change callback; a new level is accepted once it has held for the debounce time (checked by a timer on the
/// <see cref="TimeProvider"/>, or by the next edge), and then <see cref="Changed"/> is raised. The controller is
/// owned by the caller; the pin is opened here and closed on <see cref="Dispose"/>.
/// </summary>
public sealed class DigitalInput : IDisposable
{
    private readonly GpioController _controller;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer? _timer;
    private readonly Lock _gate = new();
    private readonly PinChangeEventHandler _callback;
    private bool _stableLevel;
    private DateTimeOffset _lastChange;
    private bool _pending;
    private bool _pendingLevel;
    private DateTimeOffset _pendingSince;
    private long _changeCount;
    private bool _disposed;

    /// <summary>Opens the pin with its pull setting, reads its level and starts listening for edges.</summary>
    public DigitalInput(GpioController controller, DigitalInputOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _controller = controller;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;

        controller.OpenPin(options.Pin, GpioPins.InputMode(options.Pull));
        _stableLevel = controller.Read(options.Pin) == PinValue.High;
        _lastChange = _timeProvider.GetUtcNow();
        if (options.Debounce > TimeSpan.Zero)
        {
            _timer = _timeProvider.CreateTimer(static s => ((DigitalInput)s!).OnDebounceElapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _callback = OnPinChanged;
        controller.RegisterCallbackForPinValueChangedEvent(options.Pin, PinEventTypes.Rising | PinEventTypes.Falling, _callback);
    }

    /// <summary>Raised after a debounced change, on the thread of the GPIO event or of the debounce timer.</summary>
    public event EventHandler<DigitalInputChange>? Changed;

    /// <summary>The options the input was opened with.</summary>
    public DigitalInputOptions Options { get; }

    /// <summary>The current debounced logical value.</summary>
    public bool Value
    {
        get
        {
            lock (_gate)
            {
                return _stableLevel ^ Options.Inverted;
            }
        }
    }

    /// <summary>When the current value began (construction time until the first change).</summary>
    public DateTimeOffset LastChange
    {
        get
        {
            lock (_gate)
            {
                return _lastChange;
            }
        }
    }

    /// <summary>Number of debounced changes since the input was opened.</summary>
    public long ChangeCount => Interlocked.Read(ref _changeCount);

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
        }

        _controller.UnregisterCallbackForPinValueChangedEvent(Options.Pin, _callback);
        _timer?.Dispose();
        if (_controller.IsPinOpen(Options.Pin))
        {
            _controller.ClosePin(Options.Pin);
        }
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs args)
    {
        bool level = args.ChangeType == PinEventTypes.Rising;
        DateTimeOffset now = _timeProvider.GetUtcNow();
        DigitalInputChange? settled = null;
        DigitalInputChange? immediate = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_timer is null)
            {
                if (level != _stableLevel)
                {
                    immediate = Commit(level, now);
                }
            }
            else
            {
                // The timer may not have run yet although the pending level already held long enough.
                if (_pending && now - _pendingSince >= Options.Debounce)
                {
                    settled = Commit(_pendingLevel, _pendingSince);
                }

                if (level == _stableLevel)
                {
                    _pending = false; // a bounce back to the accepted level
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
                else if (!_pending || _pendingLevel != level)
                {
                    _pending = true;
                    _pendingLevel = level;
                    _pendingSince = now;
                    _timer.Change(Options.Debounce, Timeout.InfiniteTimeSpan);
                }
            }
        }

        Raise(settled);
        Raise(immediate);
    }

    private void OnDebounceElapsed()
    {
        DigitalInputChange? settled = null;
        lock (_gate)
        {
            if (_disposed || !_pending)
            {
                return;
            }

            TimeSpan held = _timeProvider.GetUtcNow() - _pendingSince;
            if (held >= Options.Debounce)
            {
                settled = Commit(_pendingLevel, _pendingSince);
            }
            else
            {
                _timer!.Change(Options.Debounce - held, Timeout.InfiniteTimeSpan);
            }
        }

        Raise(settled);
    }

    private DigitalInputChange Commit(bool level, DateTimeOffset since)
    {
        _pending = false;
        _stableLevel = level;
        _lastChange = since;
        Interlocked.Increment(ref _changeCount);
        return new DigitalInputChange(Options.Pin, level ^ Options.Inverted, since);
    }

    private void Raise(DigitalInputChange? change)
    {
        if (change is { } c)
        {
            Changed?.Invoke(this, c);
        }
    }
}
