using System.Device.I2c;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Core.Timing;
using EdgeTwin.Devices.I2c;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// The loop of one configured I2C sensor: opens the device, reads every point once per poll interval through the
/// chip's driver (or generic registers), scales each value with the point's scale and offset, and writes one batch
/// per cycle. A fault (NACK, wrong chip id, CRC, busy timeout, bus error) gives bad samples carrying the reason,
/// retries with back-off and never leaves <see cref="RunAsync"/>.
/// </summary>
public sealed class I2cDeviceSource : IDeviceSource
{
    private readonly DeviceConfig _config;
    private readonly PointTable _table;
    private readonly I2cDeviceConfig _i2c;
    private readonly IReadOnlyList<PointInfo> _points;
    private readonly I2cPointPlan[] _plans;
    private readonly I2cDriverOptions _options;
    private readonly Func<int, int, I2cDevice> _deviceFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RawReading[] _values;
    private I2cDevice? _device;
    private I2cChipReader? _reader;

    /// <summary>Creates the source of device <paramref name="device"/> of <paramref name="table"/>.</summary>
    /// <param name="device">Index of the device in the point table; it must have an <c>i2c</c> section.</param>
    /// <param name="table">The gateway's points.</param>
    /// <param name="time">Clock of the poll loop and the drivers' waits.</param>
    /// <param name="deviceFactory">
    /// Opens the device at (bus, address); defaults to <see cref="I2cBusAccess.Open"/> on /dev/i2c-N. Tests pass
    /// simulated devices. The source disposes what it opens.
    /// </param>
    /// <param name="logger">Logs when the device starts failing and when it is back.</param>
    /// <exception cref="SensorConfigurationException">The chip, a setting or a point is invalid.</exception>
    public I2cDeviceSource(int device, PointTable table, TimeProvider? time = null, Func<int, int, I2cDevice>? deviceFactory = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _config = table.Devices[device];
        _table = table;
        _i2c = _config.I2c ?? throw new ArgumentException($"device '{_config.Id}' has no i2c section", nameof(device));
        Device = device;
        Status = new DeviceStatus(_config.Id);
        _points = table.PointsOf(device);
        _time = time ?? TimeProvider.System;
        _deviceFactory = deviceFactory ?? I2cBusAccess.Open;
        _logger = logger ?? NullLogger.Instance;

        var errors = new List<SensorConfigError>();
        _options = I2cDriverOptions.Parse(_i2c.Chip, _i2c.Settings, errors);
        _plans = new I2cPointPlan[_points.Count];
        for (int i = 0; i < _points.Count; i++)
        {
            var pointErrors = new List<SensorConfigError>();
            _plans[i] = I2cPointPlan.Create(_options.Chip, _points[i].Config, pointErrors)!;
            errors.AddRange(pointErrors.Select(e => e with { Key = $"point '{_points[i].Id}' {e.Key}" }));
        }

        if (errors.Count > 0)
        {
            throw new SensorConfigurationException(_config.Id, errors);
        }

        _values = new RawReading[_points.Count];
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
        TimeSpan offset = _table.PollOffset(Device, _config.Poll);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                DateTimeOffset started = _time.GetUtcNow();
                bool ok = await CycleAsync(sink, cancellationToken).ConfigureAwait(false);
                int failures = backoff.Failures;
                TimeSpan interval = ok ? _config.Poll + offset : backoff.Fail();
                offset = ok ? TimeSpan.Zero : offset;
                if (!ok && failures == 0)
                {
                    SensorSourceLog.Failing(_logger, _config.Id, Status.LastError, interval);
                }
                else if (ok && backoff.Succeed())
                {
                    Status.CountReconnect();
                    SensorSourceLog.Recovered(_logger, _config.Id, failures);
                }

                TimeSpan wait = started + interval - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // Rounded up: a timer truncates to whole milliseconds, and a cycle would start early.
                    await Task.Delay(Waits.WholeMilliseconds(wait), _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>I2C sensor points are read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task WriteAsync(PointInfo point, double value, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"point '{point?.Key}': I2C sensor points are read-only");

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        CloseDevice();
        return ValueTask.CompletedTask;
    }

    /// <summary>One read cycle; false when the device failed (the caller backs off).</summary>
    private async Task<bool> CycleAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        DateTime cycleTime = _time.GetUtcNow().UtcDateTime;
        if (_reader is null && !TryOpen(out string? openError))
        {
            Status.CountError(timeout: false);
            Status.Offline(cycleTime, openError);
            await PublishBadAsync(sink, cycleTime, openError, cancellationToken).ConfigureAwait(false);
            return false;
        }

        string? error = null;
        bool notResponding = false;
        for (int attempt = 0; attempt <= _config.Retries; attempt++)
        {
            // Real time on purpose: this guards against a hung bus transfer, which the drivers' clock cannot see.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_config.Timeout);
            try
            {
                await _reader!.ReadAsync(_values, timeout.Token).ConfigureAwait(false);
                error = null;
                break;
            }
            catch (I2cDeviceException ex)
            {
                Status.CountError(ex is I2cTimeoutException);
                error = ex.Message;
                notResponding = ex is I2cNotRespondingException;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Status.CountError(timeout: true);
                error = $"I2C bus {_i2c.Bus}, address 0x{_i2c.Address:X2}: no reading within {_config.Timeout.TotalMilliseconds:0} ms";
                notResponding = false;
            }
        }

        DateTime now = _time.GetUtcNow().UtcDateTime;
        if (error is not null)
        {
            if (notResponding)
            {
                // The device is gone (unplugged, unpowered, bus stuck): reopen the bus handle on the next attempt.
                Status.Offline(now, error);
                CloseDevice();
            }
            else
            {
                Status.CycleCompleted(now, _points.Count, _points.Count, error);
            }

            await PublishBadAsync(sink, cycleTime, error, cancellationToken).ConfigureAwait(false);
            return false;
        }

        SampleBatch batch = SampleBatch.Rent(Device, cycleTime, _points.Count);
        int bad = 0;
        string? firstReason = null;
        for (int i = 0; i < _points.Count; i++)
        {
            RawReading raw = _values[i];
            if (raw.Quality == Quality.Bad)
            {
                bad++;
                firstReason ??= raw.Reason;
                batch.Add(Sample.Bad(_points[i].Index, now, raw.Reason ?? "bad reading"));
            }
            else
            {
                batch.Add(new Sample(_points[i].Index, now, _points[i].Config.ToEngineering(raw.Value), raw.Quality));
            }
        }

        Status.CycleCompleted(now, _points.Count, bad, firstReason);
        await sink.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool TryOpen(out string error)
    {
        error = string.Empty;
        try
        {
            _device = _deviceFactory(_i2c.Bus, _i2c.Address);
            _reader = I2cChipReader.Create(_options, _device, _plans, _time);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or I2cDeviceException)
        {
            error = ex.Message;
            CloseDevice();
            return false;
        }
    }

    private void CloseDevice()
    {
        _reader = null;
        _device?.Dispose();
        _device = null;
    }

    private ValueTask PublishBadAsync(ISampleSink sink, DateTime cycleTime, string reason, CancellationToken cancellationToken)
    {
        SampleBatch batch = SampleBatch.Rent(Device, cycleTime, _points.Count);
        foreach (PointInfo point in _points)
        {
            batch.Add(Sample.Bad(point.Index, cycleTime, reason));
        }

        return sink.WriteAsync(batch, cancellationToken);
    }
}
