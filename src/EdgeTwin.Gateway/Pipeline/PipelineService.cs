using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Timing;
using EdgeTwin.Storage;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.Maintenance;
using EdgeTwin.Twin.State;
using EdgeTwin.Twin.Telemetry;
using EdgeTwin.Uplink.Json;
using EdgeTwin.Uplink.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Pipeline;

/// <summary>
/// The hot path's single reader: takes batches from the device loops, updates the twin, filters telemetry by
/// deadband/heartbeat, encodes messages with their seq and commits them to the outbox in groups.
/// </summary>
public sealed partial class PipelineService : BackgroundService
{
    /// <summary>
    /// Most samples in one telemetry message; a larger batch is split into equal parts (1,001 samples: 501 and 500).
    /// A message of 1,000 samples is about 80 kB of JSON, below <see cref="Hosting.RuntimeEnvironment.LohThreshold"/>.
    /// Smaller messages were measured too: 500 samples a message cost 30 to 60 ms more at p99 with 50,000 points a
    /// second.
    /// </summary>
    public const int MaxSamplesPerMessage = 1000;

    /// <summary>Most messages in one commit group.</summary>
    public const int MaxGroup = 2000;

    /// <summary>
    /// How long the channel must stay empty before the storage upkeep (history writes, checkpoints) runs: the batches
    /// of one poll burst arrive a few milliseconds apart, and upkeep between them would hold up their commit.
    /// </summary>
    private static readonly TimeSpan UpkeepQuiet = TimeSpan.FromMilliseconds(5);

    /// <summary>How often the periodic twin work runs (freshness, alarms, twin and event messages, pipeline work).</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly GatewayRuntime _rt;
    private readonly ILogger _logger;
    private readonly JsonPayloadWriter _writer;
    private readonly TelemetryFilter _filter;
    private readonly ITelemetryEncoder _telemetry;
    private readonly HistoryStore _history;
    private readonly bool[] _delivered;
    private readonly List<AssetSnapshot> _snapshots = new();
    private readonly List<TwinEvent> _events = new();
    private MaintenancePlan? _publishedPlan;
    private DateTime _planCheckedAt;
    private int _devicesPending;
    private long _samplesPending;
    private long _lastBeat;
    private long _wakeups;

    private readonly Http.PipelineWork? _work;

    /// <summary>Creates the service; <paramref name="work"/> is run on the pipeline thread (commands that change the twin).</summary>
    public PipelineService(GatewayRuntime runtime, ILogger<PipelineService> logger, ITelemetryEncoder? telemetry = null, Http.PipelineWork? work = null)
    {
        _work = work;
        _rt = runtime;
        _logger = logger;
        _writer = new JsonPayloadWriter(runtime.Table);
        _filter = new TelemetryFilter(runtime.Table);
        _telemetry = telemetry ?? new JsonTelemetryEncoder(runtime.Table, runtime.Topics);
        _history = runtime.Outbox.AttachHistory(runtime.Table, runtime.Config.Assets, runtime.Config.Storage.HistoryRetention);
        _delivered = new bool[runtime.Table.Devices.Count];
        _devicesPending = _delivered.Length;
        if (_devicesPending == 0)
        {
            runtime.FirstCycle.TrySetResult();
        }
    }

    /// <summary>Optional hook after each batch was applied to the twin (models, alarms); runs on the pipeline thread.</summary>
    public Action<SampleBatch>? AfterApply { get; set; }

    /// <summary>Turns of the pipeline's loop so far: an idle pipeline turns about once per 100 ms tick.</summary>
    internal long Wakeups => Volatile.Read(ref _wakeups);

    /// <summary>When the loop last turned round (UTC), or null before its first turn; the systemd watchdog reads it.</summary>
    public DateTime? LastBeat => Volatile.Read(ref _lastBeat) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <inheritdoc />
    /// <remarks>
    /// The loop runs on a thread of its own, not in the thread pool: a batch's arrival then wakes it directly instead
    /// of queueing its continuation behind the device loops' work (see <see cref="SampleChannel"/>), and its
    /// synchronous commits do not hold a pool thread that the device loops need.
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "edgetwin-pipeline",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var reader = _rt.Channel.Reader;
        var commitEvery = _rt.Config.Storage.CommitInterval;
        var twinEvery = TimeSpan.FromSeconds(1.0 / (_rt.Config.Mqtt?.TwinRateLimit ?? 1.0));
        var lastCommit = _rt.Time.GetTimestamp();
        var lastTick = lastCommit;
        var lastBusy = lastCommit;
        try
        {
            while (true)
            {
                Volatile.Write(ref _lastBeat, _rt.Time.GetUtcNow().UtcTicks);
                Volatile.Write(ref _wakeups, _wakeups + 1);
                while (reader.TryRead(out var batch))
                {
                    lastBusy = _rt.Time.GetTimestamp();
                    Process(batch);
                    if (_rt.Outbox.PendingCount >= MaxGroup)
                    {
                        break;
                    }
                }

                _work?.Drain();
                if (_rt.Time.GetElapsedTime(lastTick) >= TickInterval)
                {
                    PublishTwins(twinEvery);
                    lastTick = _rt.Time.GetTimestamp();
                }

                // Group commit by natural batching: whatever arrived while the previous commit ran forms the next
                // group, committed as soon as the channel is drained (or the group is full); a commitInterval only
                // spaces the commits' starts apart.
                var sinceCommit = _rt.Time.GetElapsedTime(lastCommit);
                if (_rt.Outbox.PendingCount >= MaxGroup || (_rt.Outbox.PendingCount > 0 && sinceCommit >= commitEvery))
                {
                    lastCommit = _rt.Time.GetTimestamp();
                    Commit();
                    lastBusy = _rt.Time.GetTimestamp();
                    continue;
                }

                if (reader.TryPeek(out _))
                {
                    continue;
                }

                // Idle: the storage work kept out of the commits, one step at a time, once no batch came for a moment.
                var upkeep = _rt.Outbox.PendingCount == 0 && _rt.Outbox.UpkeepDue;
                var quiet = UpkeepQuiet - _rt.Time.GetElapsedTime(lastBusy);
                if (upkeep && quiet <= TimeSpan.Zero)
                {
                    _rt.Outbox.Upkeep();
                    continue;
                }

                // Sleep until a batch arrives, the periodic twin work is due, or the spaced commit may start.
                var due = TickInterval - _rt.Time.GetElapsedTime(lastTick);
                if (_rt.Outbox.PendingCount > 0)
                {
                    due = TimeSpan.FromTicks(Math.Min(due.Ticks, (commitEvery - sinceCommit).Ticks));
                }

                if (upkeep)
                {
                    due = TimeSpan.FromTicks(Math.Min(due.Ticks, quiet.Ticks));
                }

                if (!_rt.Channel.WaitToRead(Waits.AtLeastOneMillisecond(due), stoppingToken))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: take what the device loops already delivered and commit it.
        while (reader.TryRead(out var rest))
        {
            Process(rest);
        }

        PublishTwins(TimeSpan.Zero);
        var committed = Commit();
        Log.Flushed(_logger, committed, _rt.Outbox.LastCommittedSeq);
    }

    private void Process(SampleBatch batch)
    {
        try
        {
            _rt.Twin.Apply(batch);
            AfterApply?.Invoke(batch);
            if (!_delivered[batch.Device])
            {
                _delivered[batch.Device] = true;
                if (--_devicesPending == 0)
                {
                    _rt.FirstCycle.TrySetResult();
                }
            }

            if (_filter.Apply(batch) == 0)
            {
                return;
            }

            var device = _rt.Table.Devices[batch.Device].Id;
            var topic = _telemetry.Topic(batch.Device);
            var samples = batch.Samples;
            _history.Record(samples);
            var parts = (samples.Length + MaxSamplesPerMessage - 1) / MaxSamplesPerMessage;
            var perPart = (samples.Length + parts - 1) / parts;
            for (var start = 0; start < samples.Length; start += perPart)
            {
                var part = samples.Slice(start, Math.Min(perPart, samples.Length - start));
                var payload = _telemetry.Encode(_rt.Outbox.NextSeq, batch.Device, part);
                _rt.Outbox.Add(OutboxKind.Telemetry, device, topic, payload, batch.CycleTime);
                _samplesPending += part.Length;
            }
        }
        finally
        {
            batch.Return();
        }
    }

    private int Commit()
    {
        var committed = _rt.Outbox.CommitMessages();
        _rt.CountCommitted(_samplesPending);
        _samplesPending = 0;
        return committed;
    }

    private void PublishTwins(TimeSpan minInterval)
    {
        var now = _rt.Time.GetUtcNow().UtcDateTime;
        _rt.Twin.Tick(now);
        _snapshots.Clear();
        _rt.Twin.CollectDue(now, minInterval, _snapshots);
        foreach (var snapshot in _snapshots)
        {
            var payload = _writer.Twin(_rt.Outbox.NextSeq, snapshot);
            _rt.Outbox.Add(OutboxKind.Twin, snapshot.Asset, _rt.Topics.Twin(snapshot.Asset), payload, now, retain: true);
        }

        PublishMaintenance(now);
        PublishEvents();
    }

    private void PublishMaintenance(DateTime now)
    {
        var any = false;
        var changed = false;
        foreach (var advisor in _rt.Twin.Advisors)
        {
            any = true;
            if (!advisor.Changed)
            {
                continue;
            }

            changed = true;
            advisor.Changed = false;
            var shown = advisor.Current ?? advisor.Last;
            var asset = shown?.Asset ?? string.Empty;
            if (shown is null)
            {
                continue;
            }

            var payload = MaintenanceJson.Retained(_writer, _rt.Outbox.NextSeq, _rt.Config.Gateway.Id, asset, now, shown);
            _rt.Outbox.Add(OutboxKind.Event, "maintenance/" + asset, _rt.Topics.Maintenance(asset), payload, now, retain: true);
        }

        // The coordinated plan, retained, whenever it plans different work (once at start, which clears a stale one):
        // looked at when a recommendation changed, and once a second for windows that the passing time makes late.
        if (!any || !(changed || _publishedPlan is null || now - _planCheckedAt >= TimeSpan.FromSeconds(1)))
        {
            return;
        }

        _planCheckedAt = now;
        var plan = _rt.Twin.PlanMaintenance(now);
        if (_publishedPlan is null || !plan.SameAs(_publishedPlan))
        {
            var payload = MaintenanceJson.RetainedPlan(_writer, _rt.Outbox.NextSeq, _rt.Config.Gateway.Id, now, plan);
            _rt.Outbox.Add(OutboxKind.Event, "maintenance-plan", _rt.Topics.MaintenancePlan, payload, now, retain: true);
            _publishedPlan = plan;
        }
    }

    private void PublishEvents()
    {
        _events.Clear();
        if (_rt.Twin.DrainEvents(_events) == 0)
        {
            return;
        }

        foreach (var e in _events)
        {
            var payload = _writer.Event(_rt.Outbox.NextSeq, _rt.Config.Gateway.Id, e);
            _rt.Outbox.Add(OutboxKind.Event, e.Asset, _rt.Topics.Events, payload, e.Time);
            if (e.Fields.TryGetValue("error", out var error) && error is string message)
            {
                Log.TwinError(_logger, e.Type, e.Asset, message);
            }
            else
            {
                Log.TwinEvent(_logger, e.Type, e.Asset);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Twin event {Type} on {Asset}")]
        public static partial void TwinEvent(ILogger logger, string type, string asset);

        [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Twin event {Type} on {Asset}: {Error}")]
        public static partial void TwinError(ILogger logger, string type, string asset, string error);

        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Pipeline stopped: committed the last {Count} messages (last seq {Seq})")]
        public static partial void Flushed(ILogger logger, int count, long seq);
    }
}
