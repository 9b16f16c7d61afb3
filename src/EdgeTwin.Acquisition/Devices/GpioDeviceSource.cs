using System.Device.Gpio;
using System.Threading.Channels;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Core.Timing;
using EdgeTwin.Devices.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// The loop of one GPIO chip: debounced digital inputs, pulse counters (count and rate) and digital outputs.
/// Every poll interval it publishes one batch with every point; a debounced input edge or an output write is
/// published at once as its own small batch, so a door opening is reported without waiting for the next poll.
/// If the chip cannot be opened, every point is bad with the reason and opening is retried with back-off.
/// </summary>
public sealed class GpioDeviceSource : IDeviceSource
{
    private const int EventCapacity = 4096;

    private readonly DeviceConfig _config;
    private readonly PointTable _table;
    private readonly GpioDeviceConfig _gpio;
    private readonly IReadOnlyList<PointInfo> _points;
    private readonly Dictionary<int, int> _slotOfPoint = [];
    private readonly Func<int, GpioController> _controllerFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Channel<GpioEvent> _events = Channel.CreateBounded<GpioEvent>(new BoundedChannelOptions(EventCapacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest, // the next poll reports every level anyway
        SingleReader = true,
    });

    private GpioController? _controller;
    private DigitalInput?[] _inputs;
    private DigitalOutput?[] _outputs;
    private Dictionary<int, PulseCounter> _counters = [];
    private bool _disposed;

    /// <summary>Creates the source of device <paramref name="device"/> of <paramref name="table"/>.</summary>
    /// <param name="device">Index of the device in the point table; it must have a <c>gpio</c> section.</param>
    /// <param name="table">The gateway's points.</param>
    /// <param name="time">Clock of the poll loop, debounce timers and pulse rates.</param>
    /// <param name="controllerFactory">
    /// Opens the controller of a gpiochip number; defaults to <see cref="GpioChipAccess.Open"/> (libgpiod). Tests pass
    /// <c>_ =&gt; new GpioController(fakeDriver)</c>. The source disposes the controller it opened.
    /// </param>
    /// <param name="logger">Logs when the chip cannot be opened and when it is back.</param>
    /// <exception cref="SensorConfigurationException">Conflicting or invalid points.</exception>
    public GpioDeviceSource(int device, PointTable table, TimeProvider? time = null, Func<int, GpioController>? controllerFactory = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _config = table.Devices[device];
        _table = table;
        _gpio = _config.Gpio ?? throw new ArgumentException($"device '{_config.Id}' has no gpio section", nameof(device));
        Device = device;
        Status = new DeviceStatus(_config.Id);
        _points = table.PointsOf(device);
        _time = time ?? TimeProvider.System;
        _controllerFactory = controllerFactory ?? GpioChipAccess.Open;
        _logger = logger ?? NullLogger.Instance;

        IReadOnlyList<PointConfigError> errors = GpioPointRules.Check([.. _points.Select(p => p.Config)]);
        if (errors.Count > 0)
        {
            throw new SensorConfigurationException(_config.Id, [.. errors.Select(e => e.Error with { Key = $"point '{_points[e.Point].Id}' {e.Error.Key}" })]);
        }

        for (int i = 0; i < _points.Count; i++)
        {
            _slotOfPoint[_points[i].Index] = i;
        }

        _inputs = new DigitalInput?[_points.Count];
        _outputs = new DigitalOutput?[_points.Count];
    }

    /// <inheritdoc />
    public int Device { get; }

    /// <inheritdoc />
    public DeviceStatus Status { get; }

    /// <inheritdoc />
    public async Task RunAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var backoff = new RetryBackoff(_config.Poll, _config.MaxBackoff);
        DateTimeOffset nextPoll = _time.GetUtcNow();
        TimeSpan offset = _table.PollOffset(Device, _config.Poll);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!TryOpen(out string? error))
                {
                    DateTime now = _time.GetUtcNow().UtcDateTime;
                    Status.CountError(timeout: false);
                    Status.Offline(now, error);
                    await PublishBadAsync(sink, now, error, cancellationToken).ConfigureAwait(false);
                    bool first = backoff.Failures == 0;
                    TimeSpan delay = backoff.Fail();
                    if (first)
                    {
                        SensorSourceLog.Failing(_logger, _config.Id, error, delay);
                    }

                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    nextPoll = _time.GetUtcNow();
                    continue;
                }

                int failures = backoff.Failures;
                if (backoff.Succeed())
                {
                    Status.CountReconnect();
                    SensorSourceLog.Recovered(_logger, _config.Id, failures);
                }

                DateTimeOffset time = _time.GetUtcNow();
                if (time >= nextPoll)
                {
                    await PollAsync(sink, cancellationToken).ConfigureAwait(false);
                    nextPoll += _config.Poll + offset;
                    offset = TimeSpan.Zero;
                    if (nextPoll <= time)
                    {
                        nextPoll = time + _config.Poll; // fell behind: skip, do not burst
                    }
                }

                await WaitAsync(Waits.WholeMilliseconds(nextPoll - _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await PublishEventsAsync(sink, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Drives an output point: <paramref name="value"/> (engineering units) must convert to raw 0 or 1. The new
    /// value is published at once. Authorisation is the caller's job.
    /// </summary>
    /// <exception cref="ArgumentException">The point is not a point of this device.</exception>
    /// <exception cref="NotSupportedException">The point is an input or a counter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 0 or 1 after scaling.</exception>
    /// <exception cref="GpioUnavailableException">The chip cannot be opened.</exception>
    /// <exception cref="GpioWriteException">Read-back (<c>verify: true</c>) found another level.</exception>
    public Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!_slotOfPoint.TryGetValue(point.Index, out int slot))
        {
            throw new ArgumentException($"point '{point.Key}' is not a point of device '{_config.Id}'", nameof(point));
        }

        GpioPointConfig gpio = point.Config.Gpio!;
        if (gpio.Kind != GpioPointKind.Output)
        {
            throw new NotSupportedException($"point '{point.Key}': only GPIO outputs are writable, this is an {(gpio.Kind == GpioPointKind.Input ? "input" : "counter")}");
        }

        double raw = point.Config.ToRaw(value);
        bool on = Math.Abs(raw - 1) < 1e-9;
        if (!on && Math.Abs(raw) >= 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"point '{point.Key}': a GPIO output takes 0 or 1");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!TryOpen(out string? error))
        {
            throw new GpioUnavailableException(_gpio.Chip, error);
        }

        DigitalOutput? output;
        GpioController? controller;
        lock (_gate)
        {
            output = _outputs[slot];
            controller = _controller;
        }

        if (output is null || controller is null)
        {
            throw new GpioUnavailableException(_gpio.Chip, $"GPIO chip {_gpio.Chip} was closed during the write");
        }

        output.Write(on);
        if (point.Config.Writable?.VerifyReadBack == true)
        {
            bool level = controller.Read(gpio.Pin) == PinValue.High;
            if (level != on)
            {
                throw new GpioWriteException(point.Key, gpio.Pin, on, level);
            }
        }

        _events.Writer.TryWrite(new GpioEvent(slot, on ? 1 : 0, _time.GetUtcNow().UtcDateTime));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            Close();
        }

        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private bool TryOpen(out string error)
    {
        error = string.Empty;
        lock (_gate)
        {
            if (_controller is not null)
            {
                return true;
            }

            if (_disposed)
            {
                error = $"device '{_config.Id}' is disposed";
                return false;
            }

            try
            {
                _controller = _controllerFactory(_gpio.Chip);
                for (int i = 0; i < _points.Count; i++)
                {
                    OpenPoint(i, _points[i].Config);
                }

                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // libgpiod, sysfs and permission failures come as several exception types; all mean "not usable now".
                error = ex is GpioUnavailableException ? ex.Message : $"GPIO chip {_gpio.Chip}: {ex.Message}";
                Close();
                return false;
            }
        }
    }

    private void OpenPoint(int slot, PointConfig point)
    {
        GpioPointConfig gpio = point.Gpio!;
        switch (gpio.Kind)
        {
            case GpioPointKind.Input:
                var input = new DigitalInput(_controller!, new DigitalInputOptions(gpio.Pin, GpioPointRules.Pull(gpio.Pull), gpio.Debounce ?? TimeSpan.Zero), _time);
                input.Changed += (_, change) => _events.Writer.TryWrite(new GpioEvent(slot, change.Value ? 1 : 0, change.Timestamp.UtcDateTime));
                _inputs[slot] = input;
                break;
            case GpioPointKind.Output:
                _outputs[slot] = new DigitalOutput(_controller!, gpio.Pin);
                break;
            default:
                if (!_counters.ContainsKey(gpio.Pin))
                {
                    _counters[gpio.Pin] = new PulseCounter(_controller!, new PulseCounterOptions(gpio.Pin, GpioPointRules.Edge(gpio.Edge), GpioPointRules.Pull(gpio.Pull)), _time);
                }

                break;
        }
    }

    private void Close()
    {
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i]?.Dispose();
            _inputs[i] = null;
            _outputs[i]?.Dispose();
            _outputs[i] = null;
        }

        foreach (PulseCounter counter in _counters.Values)
        {
            counter.Dispose();
        }

        _counters = [];
        _controller?.Dispose();
        _controller = null;
    }

    private async Task PollAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        SampleBatch batch = SampleBatch.Rent(Device, now, _points.Count);
        var readings = new Dictionary<int, PulseCounterReading>(_counters.Count);
        lock (_gate)
        {
            if (_controller is null)
            {
                batch.Return();
                return; // disposed while waiting
            }

            for (int i = 0; i < _points.Count; i++)
            {
                PointConfig config = _points[i].Config;
                GpioPointConfig gpio = config.Gpio!;
                double raw;
                switch (gpio.Kind)
                {
                    case GpioPointKind.Input:
                        raw = _inputs[i]!.Value ? 1 : 0;
                        break;
                    case GpioPointKind.Output:
                        raw = _outputs[i]!.Value ? 1 : 0;
                        break;
                    default:
                        if (!readings.TryGetValue(gpio.Pin, out PulseCounterReading reading))
                        {
                            reading = _counters[gpio.Pin].Read();
                            readings[gpio.Pin] = reading;
                        }

                        raw = GpioPointRules.IsRate(config) ? reading.RatePerSecond : reading.Count;
                        break;
                }

                batch.Add(new Sample(_points[i].Index, now, config.ToEngineering(raw), Quality.Good));
            }
        }

        Status.CycleCompleted(now, _points.Count, 0, null);
        await sink.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero || _events.Reader.Count > 0)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task delay = Task.Delay(wait, _time, stop.Token);
        Task edge = _events.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(delay, edge).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task PublishEventsAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        if (!_events.Reader.TryRead(out GpioEvent first))
        {
            return;
        }

        SampleBatch batch = SampleBatch.Rent(Device, first.Timestamp, Math.Min(_events.Reader.Count + 1, EventCapacity));
        GpioEvent e = first;
        do
        {
            PointInfo point = _points[e.Slot];
            batch.Add(new Sample(point.Index, e.Timestamp, point.Config.ToEngineering(e.Raw), Quality.Good));
        }
        while (_events.Reader.TryRead(out e));

        await sink.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask PublishBadAsync(ISampleSink sink, DateTime now, string reason, CancellationToken cancellationToken)
    {
        SampleBatch batch = SampleBatch.Rent(Device, now, _points.Count);
        foreach (PointInfo point in _points)
        {
            batch.Add(Sample.Bad(point.Index, now, reason));
        }

        return sink.WriteAsync(batch, cancellationToken);
    }
}
