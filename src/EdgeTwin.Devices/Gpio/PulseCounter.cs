using System.Device.Gpio;

namespace EdgeTwin.Devices.Gpio;

/// <summary>
/// Counts edges on a pin through the <see cref="GpioController"/> callback. The callback path is lock-free
/// (one <see cref="Interlocked.Increment(ref long)"/>), so a 1 kHz pulse train loses nothing to contention with
/// readers. The rate is computed on read from (timestamp, count) snapshots: the change in count over at least the
/// rate window, or since opening when the counter is younger than the window. The controller is owned by the
/// caller; the pin is opened here and closed on <see cref="Dispose"/>.
/// </summary>
public sealed class PulseCounter : IDisposable
{
    private const int MaxSnapshots = 1024;

    private readonly GpioController _controller;
    private readonly TimeProvider _timeProvider;
    private readonly PinChangeEventHandler _callback;
    private readonly Queue<(long Timestamp, long Count)> _snapshots = new();
    private readonly Lock _readGate = new();
    private long _count;
    private long _lastPulseTimestamp;
    private int _disposed;

    /// <summary>Opens the pin and starts counting.</summary>
    public PulseCounter(GpioController controller, PulseCounterOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _controller = controller;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _snapshots.Enqueue((_timeProvider.GetTimestamp(), 0));

        controller.OpenPin(options.Pin, GpioPins.InputMode(options.Pull));
        PinEventTypes events = options.Edge switch
        {
            PulseEdge.Rising => PinEventTypes.Rising,
            PulseEdge.Falling => PinEventTypes.Falling,
            _ => PinEventTypes.Rising | PinEventTypes.Falling,
        };
        _callback = OnEdge;
        controller.RegisterCallbackForPinValueChangedEvent(options.Pin, events, _callback);
    }

    /// <summary>The options the counter was opened with.</summary>
    public PulseCounterOptions Options { get; }

    /// <summary>Total edges counted.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// The <see cref="TimeProvider.GetTimestamp"/> value of the last counted edge, or 0 before the first one
    /// (lets a reader tell a stopped meter from a slow one).
    /// </summary>
    public long LastPulseTimestamp => Interlocked.Read(ref _lastPulseTimestamp);

    /// <summary>Takes a snapshot: total count and rate over the window.</summary>
    public PulseCounterReading Read()
    {
        long now = _timeProvider.GetTimestamp();
        long count = Count;
        DateTimeOffset timestamp = _timeProvider.GetUtcNow();
        lock (_readGate)
        {
            _snapshots.Enqueue((now, count));
            long windowTicks = (long)(Options.EffectiveRateWindow.TotalSeconds * _timeProvider.TimestampFrequency);

            // Keep the newest snapshot that is at least one window old as the base; drop the older ones.
            // Bounded: a reader polling faster than window / MaxSnapshots gets a slightly shorter window.
            while (_snapshots.Count > 2 && (now - ElementAt(1).Timestamp >= windowTicks || _snapshots.Count > MaxSnapshots))
            {
                _snapshots.Dequeue();
            }

            (long baseTimestamp, long baseCount) = _snapshots.Peek();
            double seconds = (double)(now - baseTimestamp) / _timeProvider.TimestampFrequency;
            double rate = seconds > 0 ? (count - baseCount) / seconds : 0.0;
            return new PulseCounterReading(count, rate, timestamp);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _controller.UnregisterCallbackForPinValueChangedEvent(Options.Pin, _callback);
        if (_controller.IsPinOpen(Options.Pin))
        {
            _controller.ClosePin(Options.Pin);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Exchange(ref _lastPulseTimestamp, _timeProvider.GetTimestamp());
    }

    private (long Timestamp, long Count) ElementAt(int index)
    {
        int i = 0;
        foreach ((long Timestamp, long Count) s in _snapshots)
        {
            if (i++ == index)
            {
                return s;
            }
        }

        throw new InvalidOperationException("Snapshot index out of range.");
    }
}
