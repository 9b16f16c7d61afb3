using EdgeTwin.Core.Sources;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Mqtt;
using Prometheus;

namespace EdgeTwin.Gateway.Metrics;

/// <summary>
/// The gateway's Prometheus registry (one per host, so a reload or a second host in a test starts clean): device
/// counters from <see cref="DeviceStatus"/>, outbox and uplink figures, twin health, process statistics, and every
/// <c>System.Diagnostics.Metrics</c> meter whose name starts with "EdgeTwin" (the Modbus client's, the model runners').
/// Figures are read from the live objects just before each scrape.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    private static readonly string[] DeviceStates = Enum.GetNames<DeviceState>().Select(s => s.ToLowerInvariant()).ToArray();

    private readonly GatewayRuntime _rt;
    private readonly LiveView _view;
    private readonly Func<UplinkState?> _uplink;
    private readonly IDisposable _meters;

    private readonly Counter _polls;
    private readonly Counter _errors;
    private readonly Counter _timeouts;
    private readonly Counter _reconnects;
    private readonly Counter _samples;
    private readonly Gauge _deviceUp;
    private readonly Gauge _deviceState;
    private readonly Gauge _lastPollAge;
    private readonly Gauge _samplesPerSecond;
    private readonly Gauge _outboxMessages;
    private readonly Gauge _outboxBytes;
    private readonly Gauge _outboxOldestAge;
    private readonly Counter _dropped;
    private readonly Gauge _lastSeq;
    private readonly Counter _samplesCommitted;
    private readonly Counter _allocated;
    private readonly Gauge _heapSize;
    private readonly Gauge _heapCommitted;
    private readonly Gauge _storageFile;
    private readonly Gauge _historyCollections;
    private readonly Gauge _historyOpenBytes;
    private readonly Counter _historyRefused;
    private readonly Gauge _storageCache;
    private readonly Gauge _storageCacheFree;
    private readonly Gauge _storageCacheHeld;
    private readonly Gauge _mqttConnected;
    private readonly Counter _mqttPublished;
    private readonly Counter _mqttFailures;
    private readonly Counter _mqttConnects;
    private readonly Gauge _mqttLatency;
    private readonly Gauge _mqttAckedSeq;
    private readonly Gauge _health;
    private readonly Gauge _confidence;
    private readonly Gauge _anomaly;
    private readonly Gauge _rul;
    private readonly Gauge _alarmActive;

    /// <summary>Creates the registry over <paramref name="runtime"/>.</summary>
    public GatewayMetrics(GatewayRuntime runtime, LiveView view, Func<UplinkState?> uplink)
    {
        _rt = runtime;
        _view = view;
        _uplink = uplink;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] device = ["device"];
        _polls = f.CreateCounter("edgetwin_device_polls_total", "Poll cycles completed per device", device);
        _errors = f.CreateCounter("edgetwin_device_errors_total", "Failed requests per device", device);
        _timeouts = f.CreateCounter("edgetwin_device_timeouts_total", "Requests that timed out per device", device);
        _reconnects = f.CreateCounter("edgetwin_device_reconnects_total", "Connections re-established per device", device);
        _samples = f.CreateCounter("edgetwin_device_samples_total", "Samples produced per device", device);
        _deviceUp = f.CreateGauge("edgetwin_device_up", "1 while the device answers (online or degraded)", device);
        _deviceState = f.CreateGauge("edgetwin_device_state", "1 for the current state of the device", "device", "state");
        _lastPollAge = f.CreateGauge("edgetwin_device_last_poll_age_seconds", "Seconds since the device's last completed cycle", device);
        _samplesPerSecond = f.CreateGauge("edgetwin_samples_per_second", "Samples per second from all devices over the last seconds");
        _outboxMessages = f.CreateGauge("edgetwin_outbox_messages", "Messages in the store not yet acknowledged by the broker");
        _outboxBytes = f.CreateGauge("edgetwin_outbox_bytes", "Payload bytes in the store not yet acknowledged by the broker");
        _outboxOldestAge = f.CreateGauge("edgetwin_outbox_oldest_age_seconds", "Age of the oldest buffered message (0 when empty)");
        _dropped = f.CreateCounter("edgetwin_outbox_dropped_total", "Messages dropped because the buffer was full");
        _lastSeq = f.CreateGauge("edgetwin_outbox_last_seq", "Highest committed seq");
        _samplesCommitted = f.CreateCounter("edgetwin_samples_committed_total", "Samples in telemetry messages durably committed to the outbox");
        _mqttConnected = f.CreateGauge("edgetwin_mqtt_connected", "1 while connected to the broker");
        _mqttPublished = f.CreateCounter("edgetwin_mqtt_published_total", "Messages acknowledged by the broker");
        _mqttFailures = f.CreateCounter("edgetwin_mqtt_failures_total", "Publish or connect failures");
        _mqttConnects = f.CreateCounter("edgetwin_mqtt_connects_total", "Successful connects to the broker");
        _mqttLatency = f.CreateGauge("edgetwin_mqtt_publish_latency_seconds", "Time from publish to PUBACK of the latest message");
        _mqttAckedSeq = f.CreateGauge("edgetwin_mqtt_acked_seq", "Highest seq acknowledged by the broker");
        _health = f.CreateGauge("edgetwin_asset_health", "Health index 0..100 per asset", "asset");
        _confidence = f.CreateGauge("edgetwin_asset_confidence", "Twin confidence 0..1 per asset", "asset");
        _anomaly = f.CreateGauge("edgetwin_asset_anomaly_score", "Latest anomaly score per asset (assets with an anomaly model)", "asset");
        _rul = f.CreateGauge("edgetwin_asset_rul_hours", "Remaining useful life in hours per asset (assets with a failure model)", "asset");
        _alarmActive = f.CreateGauge("edgetwin_alarm_active", "1 while the alarm is raised", "asset", "alarm", "severity");
        f.CreateGauge("edgetwin_info", "The gateway and its version", "gateway", "site", "version")
            .WithLabels(runtime.Config.Gateway.Id, runtime.Config.Gateway.Site ?? string.Empty, Hosting.StatusReport.Version).Set(1);
        f.CreateGauge("edgetwin_start_time_seconds", "When the gateway started (Unix time)")
            .Set((runtime.Started - DateTime.UnixEpoch).TotalSeconds);

        _allocated = f.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started");
        _heapSize = f.CreateGauge("dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection (live objects and fragmentation)");
        _heapCommitted = f.CreateGauge("dotnet_gc_committed_bytes", "Memory the garbage collector has committed for the managed heap");
        _storageFile = f.CreateGauge("edgetwin_storage_file_bytes", "Size of the database's data and log files", "file");
        _historyCollections = f.CreateGauge("edgetwin_history_collections", "Collections holding the local history (time partitions and earlier layouts)");
        _historyOpenBytes = f.CreateGauge("edgetwin_history_open_bytes", "Bytes the open history buckets hold in memory (one per point, values compressed until written)");
        _historyRefused = f.CreateCounter("edgetwin_history_buckets_refused_total", "History buckets not stored because their start times would need too many collections");
        _storageCache = f.CreateGauge("edgetwin_storage_cache_bytes", "Bytes allocated for the database's page cache");
        _storageCacheFree = f.CreateGauge("edgetwin_storage_cache_free_bytes", "Of the database's page cache, bytes holding no page");
        _storageCacheHeld = f.CreateGauge("edgetwin_storage_cache_held_bytes", "Of the database's page cache, pages being read or written (in_use) or held by open transactions (writable)", "by");
        DotNetStats.Register(Registry);
        _meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = f,
            InstrumentFilterPredicate = i => i.Meter.Name.StartsWith("EdgeTwin", StringComparison.Ordinal),
            ResolveHistogramBuckets = i => i.Meter.Name == ModelMetrics.MeterName
                ? Histogram.ExponentialBuckets(0.0001, 2, 16)
                : Histogram.ExponentialBuckets(0.001, 2, 16),
        });
        Registry.AddBeforeCollectCallback(UpdateAsync);
    }

    /// <summary>The registry (served on <c>/metrics</c>).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Writes the Prometheus text exposition format to <paramref name="stream"/>.</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Registry.CollectAndExportAsTextAsync(stream, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _meters.Dispose();

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        var live = await _view.FreshAsync(points: false, cancellationToken).ConfigureAwait(false);
        var now = _rt.Time.GetUtcNow().UtcDateTime;
        foreach (var source in _rt.Sources)
        {
            var s = source.Status;
            _polls.WithLabels(s.Id).IncTo(s.Polls);
            _errors.WithLabels(s.Id).IncTo(s.Errors);
            _timeouts.WithLabels(s.Id).IncTo(s.Timeouts);
            _reconnects.WithLabels(s.Id).IncTo(s.Reconnects);
            _samples.WithLabels(s.Id).IncTo(s.Samples);
            var state = s.State;
            _deviceUp.WithLabels(s.Id).Set(state is DeviceState.Online or DeviceState.Degraded ? 1 : 0);
            foreach (var name in DeviceStates)
            {
                _deviceState.WithLabels(s.Id, name).Set(string.Equals(name, state.ToString(), StringComparison.OrdinalIgnoreCase) ? 1 : 0);
            }

            _lastPollAge.WithLabels(s.Id).Set(s.LastPoll is { } poll ? Math.Max(0, (now - poll).TotalSeconds) : double.NaN);
        }

        _samplesPerSecond.Set(live.SamplesPerSecond);
        _allocated.IncTo(GC.GetTotalAllocatedBytes());
        var gc = GC.GetGCMemoryInfo();
        _heapSize.Set(gc.HeapSizeBytes);
        _heapCommitted.Set(gc.TotalCommittedBytes);
        var storage = _rt.Outbox.StorageUse;
        _storageFile.WithLabels("data").Set(storage.DataFileBytes);
        _storageFile.WithLabels("log").Set(storage.LogFileBytes);
        _storageCache.Set(storage.CacheBytes ?? double.NaN);
        _storageCacheFree.Set(storage.CacheFreeBytes ?? double.NaN);
        _storageCacheHeld.WithLabels("in_use").Set(storage.CacheInUseBytes ?? double.NaN);
        _storageCacheHeld.WithLabels("writable").Set(storage.CacheWritableBytes ?? double.NaN);
        if (_rt.Outbox.History is { } history)
        {
            _historyCollections.Set(history.Collections);
            _historyOpenBytes.Set(history.OpenBucketBytes);
            _historyRefused.IncTo(history.RefusedBuckets);
        }

        var backlog = _rt.Outbox.Backlog;
        _outboxMessages.Set(backlog.Messages);
        _outboxBytes.Set(backlog.Bytes);
        _outboxOldestAge.Set(backlog.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);
        _dropped.IncTo(backlog.Dropped);
        _lastSeq.Set(_rt.Outbox.LastCommittedSeq);
        _samplesCommitted.IncTo(_rt.SamplesCommitted);

        if (_uplink() is { } uplink)
        {
            _mqttConnected.Set(uplink.Connected ? 1 : 0);
            _mqttPublished.IncTo(uplink.Published);
            _mqttFailures.IncTo(uplink.Failures);
            _mqttConnects.IncTo(uplink.Connects);
            _mqttLatency.Set(uplink.LastPublishLatencyMs / 1000.0);
            _mqttAckedSeq.Set(uplink.LastAckedSeq);
        }
        else
        {
            _mqttConnected.Set(0);
        }

        foreach (var asset in live.Assets)
        {
            _health.WithLabels(asset.Asset).Set(asset.Health);
            _confidence.WithLabels(asset.Asset).Set(asset.Confidence);
            if (asset.Models?.AnomalyScore is { } score)
            {
                _anomaly.WithLabels(asset.Asset).Set(score);
            }

            if (asset.Models?.RulHours is { } rul)
            {
                _rul.WithLabels(asset.Asset).Set(rul);
            }
        }

        foreach (var alarm in live.Alarms)
        {
            _alarmActive.WithLabels(alarm.Asset, alarm.Id, alarm.Severity).Set(alarm.Active ? 1 : 0);
        }
    }
}
