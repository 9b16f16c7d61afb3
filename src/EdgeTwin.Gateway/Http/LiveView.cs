using EdgeTwin.Core.Samples;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// The HTTP side's window on the twin. The twin engine belongs to the pipeline thread, so the pipeline calls
/// <see cref="OnBatch"/> after each batch (the <see cref="PipelineService.AfterApply"/> hook): it runs the queued
/// <see cref="PipelineWork"/> and, while someone watches (a page, a scrape in the last <see cref="WatchWindow"/>), at
/// most every <see cref="RefreshInterval"/> swaps in a fresh <see cref="LiveSnapshot"/> that any thread may read through
/// <see cref="Current"/>. Nobody watching costs nothing; <see cref="FreshAsync(bool, CancellationToken)"/> asks the
/// pipeline for a snapshot when the current one is old. The points are copied only for readers that want them (the
/// page, the point and device endpoints), not for a metrics scrape.
/// </summary>
public sealed class LiveView
{
    /// <summary>Least time between two snapshots.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Window over which <see cref="LiveSnapshot.SamplesPerSecond"/> is measured.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    /// <summary>How long after the last read the snapshot keeps being refreshed.</summary>
    public static readonly TimeSpan WatchWindow = TimeSpan.FromSeconds(5);

    /// <summary>Age beyond which <see cref="FreshAsync"/> asks the pipeline for a new snapshot.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait of <see cref="FreshAsync"/> for the pipeline.</summary>
    public static readonly TimeSpan FreshTimeout = TimeSpan.FromSeconds(2);

    private readonly GatewayRuntime _rt;
    private readonly Queue<(DateTime Time, long Samples)> _rate = new();
    private LiveSnapshot _current;
    private long _lastRefresh;
    private long _lastPump;
    private long _lastWanted;
    private long _lastWantedPoints;
    private double _samplesPerSecond;

    /// <summary>Creates the view; until the first batch it holds every point unseen and every asset initializing.</summary>
    public LiveView(GatewayRuntime runtime, PipelineWork work)
    {
        _rt = runtime;
        Work = work;
        var assets = runtime.Twin.Assets.Select(a => new AssetSnapshot(
            a.Id, a.Config.Type, runtime.Started, TwinStatus.Initializing, 0,
            a.Properties.Select(p => new PropertySnapshot(p.Name, double.NaN, null, p.Unit, default, Quality.Bad, p.Type)).ToList())).ToList();
        var alarms = runtime.Twin.Assets.SelectMany(a => a.Alarms).Select(Copy).ToList();
        _current = new LiveSnapshot(DateTime.MinValue, new PointState[runtime.Table.Points.Count], DateTime.MinValue, assets, alarms, 0);
    }

    /// <summary>The queue of work for the pipeline thread that <see cref="Pump"/> runs.</summary>
    public PipelineWork Work { get; }

    /// <summary>The latest snapshot (any thread); it may be old when nobody watched lately (see <see cref="FreshAsync"/>).</summary>
    public LiveSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Marks the view as watched: the pipeline keeps refreshing it for <see cref="WatchWindow"/>, with the points
    /// when <paramref name="points"/>.
    /// </summary>
    public void Watch(bool points = true)
    {
        var now = _rt.Time.GetTimestamp();
        Volatile.Write(ref _lastWanted, now);
        if (points)
        {
            Volatile.Write(ref _lastWantedPoints, now);
        }
    }

    /// <summary>A snapshot with the points at most <see cref="MaxAge"/> old (see <see cref="FreshAsync(bool, CancellationToken)"/>).</summary>
    public Task<LiveSnapshot> FreshAsync(CancellationToken cancellationToken = default) => FreshAsync(points: true, cancellationToken);

    /// <summary>
    /// A snapshot at most <see cref="MaxAge"/> old, its points too when <paramref name="points"/> (else they may be
    /// older): the current one, or a new one taken by the pipeline thread (within <see cref="FreshTimeout"/>; when the
    /// pipeline does not answer, the current one).
    /// </summary>
    public async Task<LiveSnapshot> FreshAsync(bool points, CancellationToken cancellationToken = default)
    {
        Watch(points);
        var current = Current;
        if (_rt.Time.GetUtcNow().UtcDateTime - (points ? current.PointsTaken : current.Taken) <= MaxAge)
        {
            return current;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FreshTimeout);
        try
        {
            return await Work.RunAsync(() =>
            {
                Refresh(_rt.Time.GetUtcNow().UtcDateTime, points);
                return Current;
            }, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Current;
        }
        catch (PipelineUnavailableException)
        {
            return Current;
        }
    }

    /// <summary>The <see cref="PipelineService.AfterApply"/> hook: <see cref="Pump"/>. Pipeline thread only.</summary>
    public void OnBatch(SampleBatch batch) => Pump();

    /// <summary>
    /// Runs queued work; every <see cref="RefreshInterval"/> measures the sample rate and, while someone watches,
    /// refreshes the snapshot. Pipeline thread only.
    /// </summary>
    public void Pump()
    {
        Work.Drain();
        if (_lastPump != 0 && _rt.Time.GetElapsedTime(_lastPump) < RefreshInterval)
        {
            return;
        }

        _lastPump = _rt.Time.GetTimestamp();
        var now = _rt.Time.GetUtcNow().UtcDateTime;
        MeasureRate(now);
        if (Watched(ref _lastWanted) && _rt.Time.GetElapsedTime(_lastRefresh) >= RefreshInterval)
        {
            Refresh(now, Watched(ref _lastWantedPoints));
        }
    }

    /// <summary>Takes a new snapshot now, with a new copy of the points when <paramref name="points"/>. Pipeline thread only.</summary>
    public void Refresh(DateTime now, bool points = true)
    {
        _lastRefresh = _rt.Time.GetTimestamp();
        if (_rate.Count == 0 || now - _rate.Last().Time >= RefreshInterval)
        {
            // No batch lately (devices silent): measure now, so the rate falls instead of keeping its last value.
            MeasureRate(now);
        }

        var twin = _rt.Twin;
        var previous = Current;
        var (pointStates, pointsTaken) = points ? (twin.Points.ToArray(), now) : (previous.Points, previous.PointsTaken);
        var assets = new AssetSnapshot[twin.Assets.Count];
        var alarms = new List<AlarmView>();
        for (var i = 0; i < assets.Length; i++)
        {
            var asset = twin.Assets[i];
            assets[i] = twin.Snapshot(asset, now);
            foreach (var alarm in asset.Alarms)
            {
                alarms.Add(Copy(alarm));
            }
        }

        Volatile.Write(ref _current, new LiveSnapshot(now, pointStates, pointsTaken, assets, alarms, _samplesPerSecond));
    }

    private bool Watched(ref long wanted)
    {
        var at = Volatile.Read(ref wanted);
        return at != 0 && _rt.Time.GetElapsedTime(at) <= WatchWindow;
    }

    private void MeasureRate(DateTime now)
    {
        long total = 0;
        foreach (var source in _rt.Sources)
        {
            total += source.Status.Samples;
        }

        _rate.Enqueue((now, total));
        while (_rate.Count > 2 && now - _rate.Peek().Time > RateWindow)
        {
            _rate.Dequeue();
        }

        var (first, firstTotal) = _rate.Peek();
        var seconds = (now - first).TotalSeconds;
        _samplesPerSecond = seconds < 0.2 ? 0 : Math.Round((total - firstTotal) / seconds, 1);
    }

    private static AlarmView Copy(Twin.Alarms.AlarmState a) => new(
        a.Asset, a.Config.Id, a.Config.Property, a.Config.Severity, a.Config.High, a.Config.Low,
        a.Active, a.Condition, a.Acknowledged, a.RaisedAt, a.Value, a.Limit);
}
