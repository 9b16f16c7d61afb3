using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Core.Timing;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>
/// The loop of one Modbus device. Points are grouped into scan classes (their poll interval), then by unit and table,
/// and read in merged blocks (<see cref="ModbusBlockPlanner"/>); each poll cycle decodes straight into one pooled
/// <see cref="SampleBatch"/> (engineering units; booleans 0/1; strings as text; bad samples with the reason).
/// A block failing with an address error is bisected until the offending point is isolated, so the rest keep
/// flowing. Timeouts are retried (<see cref="DeviceConfig.Retries"/>); a device that answers nothing is Offline and
/// retried with exponential back-off and jitter up to <see cref="DeviceConfig.MaxBackoff"/>. Device faults never
/// escape <see cref="RunAsync"/>; they show in samples and <see cref="Status"/>.
/// </summary>
public sealed partial class ModbusDeviceSource : IDeviceSource
{
    private const string NotANumber = "the device sent NaN";
    private readonly DeviceConfig _config;
    private readonly ModbusClientLease _lease;
    private readonly ModbusClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ModbusScanClass[] _classes;
    private readonly bool[] _due;
    private readonly PointTable _table;
    private readonly Dictionary<int, ModbusPoint> _points;
    private readonly ModbusBackoff _backoff;
    private readonly bool[] _unitAnswered = new bool[256];
    private readonly string?[] _unitFailure = new string?[256];
    private readonly ModbusRead[] _reads;
    private readonly ModbusFaultException?[] _failures;
    private long _knownConnects;
    private bool _offline;
    private int _answered;
    private int _communicationFailures;
    private int _badPoints;
    private string? _firstError;

    internal ModbusDeviceSource(int device, DeviceConfig config, PointTable table, ModbusPoint[] points, ModbusClientLease lease, ILogger logger, TimeProvider time, ModbusBackoff? backoff = null)
    {
        var (maxGap, maxRegisters, maxBits) = CheckSettings(config);
        Device = device;
        _config = config;
        _table = table;
        _lease = lease;
        _client = lease.Client;
        _logger = logger;
        _time = time;
        _points = points.ToDictionary(p => p.Index);
        _classes = ModbusScanClass.Build(points, maxGap, maxRegisters, maxBits, time.GetUtcNow());
        _due = new bool[_classes.Length];
        var fastest = _classes.Length > 0 ? _classes[0].Interval : config.Poll;
        _backoff = backoff ?? new ModbusBackoff(TimeSpan.FromTicks(Math.Max(fastest.Ticks, TimeSpan.FromMilliseconds(100).Ticks)), config.MaxBackoff);
        Status = new DeviceStatus(config.Id);
        var batchSize = _client.Options.Pipeline > 1 ? Math.Min(_client.Options.Pipeline * 8, ModbusClient.MaxBatch) : 0;
        _reads = new ModbusRead[batchSize];
        _failures = new ModbusFaultException?[batchSize];
    }

    /// <inheritdoc />
    public int Device { get; }

    /// <inheritdoc />
    public DeviceStatus Status { get; }

    /// <summary>How long isolation results are kept before the widest reads are tried again.</summary>
    public TimeSpan ReplanInterval { get; internal set; } = TimeSpan.FromMinutes(5);

    /// <summary>Read requests per full poll of every scan class (the current plan).</summary>
    public int PlannedReads => _classes.Sum(c => c.Groups.Sum(g => g.Blocks.Count));

    internal ModbusScanClass[] ScanClasses => _classes;

    internal ModbusClient Client => _client;

    /// <inheritdoc />
    public async Task RunAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_classes.Length == 0)
        {
            // A device without points has nothing to poll; keep the contract of running until cancelled.
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return;
        }

        var start = _time.GetUtcNow();
        foreach (var scanClass in _classes)
        {
            scanClass.NextDue = start;
            scanClass.Offset = _table.PollOffset(Device, scanClass.Interval);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var due = NextDue();
            SampleBatch batch;
            try
            {
                if (due > now)
                {
                    await Task.Delay(Waits.WholeMilliseconds(due - now), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                batch = await PollAsync(now, cancellationToken).ConfigureAwait(false);
                FinishCycle(batch);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not a device fault (those are samples and status): a bug. Keep polling, visibly, rather than stop.
                ModbusSourceLog.CycleFailed(_logger, _config.Id, ex);
                Status.Offline(now.UtcDateTime, "internal error: " + ex.Message);
                Schedule(_time.GetUtcNow() + _backoff.Next(), all: true);
                continue;
            }

            try
            {
                await sink.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Releases the connection (or this device's share of a serial bus). Cancel <see cref="RunAsync"/> first.</summary>
    public ValueTask DisposeAsync() => _lease.DisposeAsync();

    private DateTimeOffset NextDue()
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var scanClass in _classes)
        {
            if (scanClass.NextDue < next)
            {
                next = scanClass.NextDue;
            }
        }

        return next;
    }

    private void FinishCycle(SampleBatch batch)
    {
        var end = _time.GetUtcNow();
        if (_answered == 0 && _communicationFailures > 0)
        {
            var delay = _backoff.Next();
            var error = _firstError ?? "no answer";
            if (!_offline)
            {
                ModbusSourceLog.Offline(_logger, _config.Id, error, delay, null);
            }

            _offline = true;
            Status.Offline(end.UtcDateTime, error);
            Schedule(end + delay, all: true);
            return;
        }

        if (_offline)
        {
            ModbusSourceLog.Online(_logger, _config.Id, _backoff.Failures, null);
            _offline = false;
        }

        _backoff.Reset();
        Status.CycleCompleted(end.UtcDateTime, batch.Count, _badPoints, _firstError);
        for (var c = 0; c < _classes.Length; c++)
        {
            if (_due[c])
            {
                var next = _classes[c].NextDue + _classes[c].Interval + _classes[c].Offset;
                _classes[c].Offset = TimeSpan.Zero;
                _classes[c].NextDue = next < end ? end : next;
            }
        }
    }

    private void Schedule(DateTimeOffset when, bool all)
    {
        for (var c = 0; c < _classes.Length; c++)
        {
            if (all || _due[c])
            {
                _classes[c].NextDue = when;
            }
        }
    }

    /// <summary>Checks the device settings the loop depends on; throws <see cref="ArgumentException"/> naming the device.</summary>
    internal static (int MaxGap, int MaxRegisters, int MaxBits) CheckSettings(DeviceConfig config)
    {
        var modbus = config.Modbus ?? throw new ArgumentException($"Device {config.Id} has no modbus section.");
        var maxRegisters = CheckLimit(config.Id, modbus.MaxRegisters, EdgeTwin.Modbus.ModbusLimits.MaxReadRegisters, "maxRegisters");
        var maxBits = CheckLimit(config.Id, modbus.MaxBits, EdgeTwin.Modbus.ModbusLimits.MaxReadBits, "maxBits");
        if (modbus.MaxGap < 0)
        {
            throw new ArgumentException($"Device {config.Id}: maxGap must not be negative.");
        }

        if (modbus.Pipeline is < 1 or > ModbusClientOptions.MaxPipeline)
        {
            throw new ArgumentException($"Device {config.Id}: pipeline must be 1..{ModbusClientOptions.MaxPipeline}, not {modbus.Pipeline}.");
        }

        if (modbus.Pipeline > 1 && (modbus.Framing != ModbusFraming.Tcp || modbus.Serial is not null))
        {
            throw new ArgumentException($"Device {config.Id}: pipeline {modbus.Pipeline} needs Modbus TCP framing; RTU frames carry no transaction id to match answers by.");
        }

        if (config.Retries < 0)
        {
            throw new ArgumentException($"Device {config.Id}: retries must not be negative.");
        }

        if (config.Poll <= TimeSpan.Zero || config.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Device {config.Id}: poll and timeout must be positive.");
        }

        return (modbus.MaxGap, maxRegisters, maxBits);
    }

    private static int CheckLimit(string device, int value, int max, string name) =>
        value >= 1 && value <= max ? value : throw new ArgumentException($"Device {device}: {name} must be 1..{max}, not {value}.");
}
