using System.Threading.Channels;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Core.Timing;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>
/// The loop of one OPC UA device: one session (kept alive and re-established by <see cref="OpcUaSessionManager"/>),
/// one subscription for the points in subscribe mode, batched Reads for the points in poll mode. Notifications become
/// small sample batches; a lost connection marks every point Bad with the reason until the session is back, then
/// every point is read once so the gap is closed with fresh values.
/// </summary>
public sealed partial class OpcUaDeviceSource : IDeviceSource
{
    private static readonly TimeSpan SubscriptionRetry = TimeSpan.FromSeconds(2);
    private readonly DeviceConfig _config;
    private readonly PointTable _table;
    private readonly OpcUaClientOptions _options;
    private readonly ReconnectPolicy _reconnect;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly OpcUaPoint[] _points;
    private readonly OpcUaPoint[] _subscribed;
    private readonly OpcUaPollGroup[] _pollGroups;
    private readonly Dictionary<int, OpcUaPoint> _byIndex;
    private readonly Lock _gate = new();
    private readonly Channel<SampleBatch> _batches;
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private Task<bool>? _eventWait;
    private OpcUaSessionManager? _manager;
    private OpcUaSubscription? _subscription;
    private bool _itemsCreated;
    private DateTimeOffset _subscriptionRetryAt;
    private bool _connected;
    private bool _everConnected;
    private string? _offlineReason;
    private int _badPoints;

    internal OpcUaDeviceSource(int device, DeviceConfig config, PointTable table, OpcUaPoint[] points, OpcUaClientOptions options, ILogger logger, TimeProvider time, ReconnectPolicy? reconnect = null)
    {
        Device = device;
        _config = config;
        _table = table;
        _options = options;
        _reconnect = reconnect ?? new ReconnectPolicy { MaxDelay = config.MaxBackoff };
        _logger = logger;
        _time = time;
        _points = points;
        _badPoints = points.Length;
        _subscribed = points.Where(p => p.Mode == OpcUaMode.Subscribe).ToArray();
        _pollGroups = points.Where(p => p.Mode == OpcUaMode.Poll)
            .GroupBy(p => p.Config.Poll ?? config.Poll)
            .OrderBy(g => g.Key)
            .Select(g => new OpcUaPollGroup(g.Key, g.ToArray()))
            .ToArray();
        _byIndex = points.ToDictionary(p => p.Info.Index);
        // Dropping the oldest batch under back-pressure keeps the newest values; the dropped batch goes back to the pool.
        _batches = Channel.CreateBounded<SampleBatch>(
            new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => dropped.Return());
        Status = new DeviceStatus(config.Id);
    }

    /// <inheritdoc />
    public int Device { get; }

    /// <inheritdoc />
    public DeviceStatus Status { get; }

    /// <summary>The endpoint URL this device connects to.</summary>
    public string EndpointUrl => _options.EndpointUrl;

    /// <inheritdoc />
    public async Task RunAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var manager = new OpcUaSessionManager(_options, _reconnect);
        manager.StateChanged += OnStateChanged;
        manager.Client.NotificationHandlerFailed += OnHandlerFailed;
        _manager = manager;
        var forward = ForwardAsync(sink, cancellationToken);
        try
        {
            await manager.StartAsync(cancellationToken).ConfigureAwait(false);
            await ControlAsync(manager, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _manager = null;
            manager.StateChanged -= OnStateChanged;
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await manager.StopAsync(closing.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OpcUaException or OperationCanceledException or IOException)
            {
                // The server may already be gone; the session then times out there on its own.
            }

            await manager.DisposeAsync().ConfigureAwait(false);
            _batches.Writer.TryComplete();
            await forward.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task ForwardAsync(ISampleSink sink, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await sink.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ControlAsync(OpcUaSessionManager manager, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var refresh = false;
            while (_events.Reader.TryRead(out var item))
            {
                refresh |= Handle(item);
            }

            try
            {
                if (_connected)
                {
                    await EnsureSubscriptionAsync(manager.Client, cancellationToken).ConfigureAwait(false);
                    if (refresh)
                    {
                        await ReadAsync(manager.Client, _points, cancellationToken).ConfigureAwait(false);
                    }

                    await PollDueAsync(manager.Client, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Connection faults arrive as state changes; anything else is a bug we keep visible and survive.
                OpcUaSourceLog.LoopFailed(_logger, _config.Id, ex);
                _subscriptionRetryAt = _time.GetUtcNow() + SubscriptionRetry;
            }

            await WaitForEventAsync(NextWakeUp(), cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan NextWakeUp()
    {
        if (!_connected)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var now = _time.GetUtcNow();
        var next = DateTimeOffset.MaxValue;
        foreach (var group in _pollGroups)
        {
            next = group.NextDue < next ? group.NextDue : next;
        }

        if (_subscribed.Length > 0 && !_itemsCreated && _subscriptionRetryAt < next)
        {
            next = _subscriptionRetryAt;
        }

        return next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : Waits.WholeMilliseconds(next - now);
    }

    private async Task WaitForEventAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait == TimeSpan.Zero)
        {
            return;
        }

        // One pending wait is kept across timeouts: the channel allows a single reader.
        _eventWait ??= _events.Reader.WaitToReadAsync(cancellationToken).AsTask();
        try
        {
            await _eventWait.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return;
        }

        _eventWait = null;
    }

    private void OnStateChanged(OpcUaConnectionStateChange change) => _events.Writer.TryWrite(change);

    private void OnGap(NotificationGap gap) => _events.Writer.TryWrite(gap);

    private void OnHandlerFailed(OpcUaSubscription subscription, Exception exception) => OpcUaSourceLog.LoopFailed(_logger, _config.Id, exception);

    /// <summary>Applies a connection state change or a notification gap; true when every point should be read again.</summary>
    private bool Handle(object item)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        switch (item)
        {
            case OpcUaConnectionStateChange { State: OpcUaConnectionState.Connected } change:
                if (_everConnected)
                {
                    Status.CountReconnect();
                }

                _everConnected = true;
                _connected = true;
                _offlineReason = null;
                OpcUaSourceLog.Online(_logger, _config.Id, change.Reconnect is { } r
                    ? $"reconnected; session {(r.SessionResumed ? "resumed" : "new")}, {r.TransferredSubscriptions} subscription(s) transferred, {r.RecreatedSubscriptions} re-created"
                    : "connected", null);
                foreach (var group in _pollGroups)
                {
                    group.NextDue = _time.GetUtcNow();
                    group.Offset = _table.PollOffset(Device, group.Interval);
                }

                return true;
            case OpcUaConnectionStateChange { Reason: { } reason }:
                _connected = false;
                Status.CountError(reason.StatusCode.Code == StatusCodes.BadTimeout);
                var text = Describe(reason);
                Status.Offline(now, text);
                if (_offlineReason != text)
                {
                    if (reason is OpcUaCertificateException)
                    {
                        OpcUaSourceLog.CertificateRejected(_logger, _config.Id, text, null);
                    }
                    else
                    {
                        OpcUaSourceLog.Offline(_logger, _config.Id, text, null);
                    }

                    _offlineReason = text;
                    MarkAllBad(now, text);
                }

                return false;
            case NotificationGap:
                return true;
            default:
                return false;
        }
    }

    private static string Describe(OpcUaException reason) => reason is OpcUaCertificateException { RejectedFile: { } file }
        ? $"{reason.Message} (to trust the server, move {file} into the trusted folder of the PKI)"
        : reason.Message;

    private async Task EnsureSubscriptionAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        if (_subscribed.Length == 0 || _itemsCreated || _time.GetUtcNow() < _subscriptionRetryAt)
        {
            return;
        }

        if (_subscription is null)
        {
            var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions
            {
                PublishingInterval = _config.OpcUa!.PublishingInterval,
                TimestampsToReturn = TimestampsToReturn.Both,
            }, cancellationToken).ConfigureAwait(false);
            subscription.DataChanged += OnDataChanged;
            subscription.NotificationsLost += OnGap;
            _subscription = subscription;
        }

        var items = await _subscription.AddMonitoredItemsAsync(_subscribed.Select(ToRequest).ToArray(), cancellationToken).ConfigureAwait(false);
        _itemsCreated = true;
        var now = _time.GetUtcNow().UtcDateTime;
        SampleBatch? batch = null;
        foreach (var item in items)
        {
            if (item.StatusCode.IsBad)
            {
                var point = _points[item.ClientHandle];
                OpcUaSourceLog.ItemRejected(_logger, _config.Id, point.Info.Id, item.StatusCode.Name, null);
                batch ??= SampleBatch.Rent(Device, now, items.Count);
                lock (_gate)
                {
                    var sample = Sample.Bad(point.Info.Index, now, item.StatusCode.Name);
                    Track(point, sample);
                    batch.Add(sample);
                }
            }
        }

        if (batch is not null)
        {
            Publish(batch, now);
        }
    }

    private MonitoredItemRequest ToRequest(OpcUaPoint point)
    {
        var deadband = point.Config.Deadband;
        return new MonitoredItemRequest
        {
            NodeId = point.NodeId,
            ClientHandle = point.Handle,
            SamplingInterval = point.Config.OpcUa!.SamplingInterval?.TotalMilliseconds ?? -1,
            DeadbandType = deadband is null ? DeadbandType.None : deadband.Value.Percent ? DeadbandType.Percent : DeadbandType.Absolute,
            // The server compares raw values; the configured deadband is in engineering units (percent is scale-free).
            DeadbandValue = deadband is not { } d ? 0 : d.Percent ? d.Value : Math.Abs(d.Value / point.Config.Scale),
        };
    }

    private void OnDataChanged(DataChangeBatch change)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var items = change.Items;
        var batch = SampleBatch.Rent(Device, now, items.Count);
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.ClientHandle >= _points.Length)
                {
                    continue;
                }

                var point = _points[item.ClientHandle];
                var sample = OpcUaSampleMapper.Map(point, item.Value, now);
                Track(point, sample);
                batch.Add(sample);
            }
        }

        Publish(batch, now);
    }

    private async Task PollDueAsync(OpcUaClient client, CancellationToken cancellationToken)
    {
        foreach (var group in _pollGroups)
        {
            var now = _time.GetUtcNow();
            if (group.NextDue > now)
            {
                continue;
            }

            await ReadAsync(client, group.Points, cancellationToken).ConfigureAwait(false);
            var next = group.NextDue + group.Interval + group.Offset;
            group.Offset = TimeSpan.Zero;
            group.NextDue = next < _time.GetUtcNow() ? _time.GetUtcNow() : next;
        }
    }

    /// <summary>Reads <paramref name="points"/> in one batched Read and publishes the values.</summary>
    private async Task ReadAsync(OpcUaClient client, IReadOnlyList<OpcUaPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }

        var request = new ReadValueId[points.Count];
        for (var i = 0; i < request.Length; i++)
        {
            request[i] = new ReadValueId { NodeId = points[i].NodeId, AttributeId = AttributeIds.Value };
        }

        IReadOnlyList<DataValue> values;
        try
        {
            values = await client.ReadAsync(request, TimestampsToReturn.Both, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException ex)
        {
            // A dropped connection is reported by the session manager as well; this marks only the points read here.
            Status.CountError(ex.StatusCode.Code == StatusCodes.BadTimeout);
            var failed = _time.GetUtcNow().UtcDateTime;
            var bad = SampleBatch.Rent(Device, failed, points.Count);
            lock (_gate)
            {
                foreach (var point in points)
                {
                    var sample = Sample.Bad(point.Info.Index, failed, ex.Message);
                    Track(point, sample);
                    bad.Add(sample);
                }
            }

            Publish(bad, failed, ex.Message);
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var batch = SampleBatch.Rent(Device, now, points.Count);
        lock (_gate)
        {
            for (var i = 0; i < points.Count && i < values.Count; i++)
            {
                var sample = OpcUaSampleMapper.Map(points[i], values[i], now);
                Track(points[i], sample);
                batch.Add(sample);
            }
        }

        Publish(batch, now);
    }

    private void MarkAllBad(DateTime now, string reason)
    {
        if (_points.Length == 0)
        {
            return;
        }

        var batch = SampleBatch.Rent(Device, now, _points.Length);
        lock (_gate)
        {
            foreach (var point in _points)
            {
                var sample = Sample.Bad(point.Info.Index, now, reason);
                Track(point, sample);
                batch.Add(sample);
            }
        }

        _batches.Writer.TryWrite(batch);
    }

    /// <summary>Keeps the count of Bad points (under <see cref="_gate"/>).</summary>
    private void Track(OpcUaPoint point, in Sample sample)
    {
        var bad = sample.Quality == Quality.Bad;
        if (bad != point.Bad)
        {
            _badPoints += bad ? 1 : -1;
            point.Bad = bad;
        }
    }

    private void Publish(SampleBatch batch, DateTime now, string? error = null)
    {
        int badPoints;
        lock (_gate)
        {
            badPoints = _badPoints;
        }

        if (_connected)
        {
            Status.CycleCompleted(now, batch.Count, badPoints, error);
        }

        if (batch.Count == 0 || !_batches.Writer.TryWrite(batch))
        {
            batch.Return();
        }
    }
}
