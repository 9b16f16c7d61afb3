using System.Text.Json;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Http.Json;
using EdgeTwin.Twin.State;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>The read side of the JSON API.</content>
public sealed partial class HttpApi
{
    /// <summary>Default window of <c>/api/assets/{id}</c>'s history: all the twin keeps, whatever the poll rate.</summary>
    public static readonly TimeSpan HistoryWindow = Twin.TwinEngine.DefaultHistorySpan;

    /// <summary>Default most points per property in <c>/api/assets/{id}</c>'s history.</summary>
    public const int DefaultHistoryPoints = 720;

    /// <summary>Default and largest <c>points</c> of <c>/api/history</c>.</summary>
    public const int DefaultStoredHistoryPoints = 1000, MaxStoredHistoryPoints = 20000;

    /// <summary><c>GET /api/status</c>: gateway, readiness, backlog, uplink, devices, assets and alarm counts.</summary>
    private async Task<IResult> StatusAsync(CancellationToken cancellationToken)
    {
        var live = await _view.FreshAsync(cancellationToken).ConfigureAwait(false);
        var checks = _readiness.Check();
        return Json(ApiJson.Object(w =>
        {
            w.WriteBoolean("ready", checks.All(c => c.Ok));
            w.WriteStartArray("reasons");
            foreach (var check in checks.Where(c => !c.Ok))
            {
                w.WriteStringValue(check.Name + ": " + check.Detail);
            }

            w.WriteEndArray();
            WriteStatus(w, live);
        }));
    }

    /// <summary><c>GET /api/devices</c>.</summary>
    private IResult Devices() => Json(ApiJson.Object(w =>
    {
        w.WriteStartArray("devices");
        WriteDevices(w);
        w.WriteEndArray();
    }));

    /// <summary><c>GET /api/points?device=plc1</c>: latest value, quality and time of each point (of one device or all).</summary>
    private async Task<IResult> PointsAsync(string? device, CancellationToken cancellationToken)
    {
        var index = -1;
        if (!string.IsNullOrEmpty(device) && (index = _rt.Table.DeviceIndex(device)) < 0)
        {
            return Error(StatusCodes.Status404NotFound, $"no device '{device}' (see /api/devices)");
        }

        var live = await _view.FreshAsync(cancellationToken).ConfigureAwait(false);
        var now = Now;
        return Json(ApiJson.Object(w =>
        {
            ApiJson.Time(w, "ts", live.Taken == DateTime.MinValue ? null : live.Taken);
            w.WriteStartArray("points");
            WritePoints(w, live, index, now);
            w.WriteEndArray();
        }));
    }

    /// <summary><c>GET /api/assets</c>: the twin of every asset.</summary>
    private async Task<IResult> AssetsAsync(CancellationToken cancellationToken)
    {
        var live = await _view.FreshAsync(cancellationToken).ConfigureAwait(false);
        return Json(ApiJson.Object(w =>
        {
            w.WriteStartArray("assets");
            WriteAssets(w, live);
            w.WriteEndArray();
        }));
    }

    /// <summary>
    /// <c>GET /api/assets/{id}?minutes=60&amp;points=720</c>: the twin of one asset with the history of its properties
    /// (the in-memory rings, copied on the pipeline thread; at most <c>points</c> per property).
    /// </summary>
    private async Task<IResult> AssetAsync(string id, int? minutes, int? points, CancellationToken cancellationToken)
    {
        var index = AssetIndex(id);
        if (index < 0)
        {
            return Error(StatusCodes.Status404NotFound, $"no asset '{id}' (see /api/assets)");
        }

        if (minutes is < 1 or > 60)
        {
            return Error(StatusCodes.Status400BadRequest, "minutes must be between 1 and 60");
        }

        if (points is < 2 or > AssetHistory.MaxPoints)
        {
            return Error(StatusCodes.Status400BadRequest, $"points must be between 2 and {AssetHistory.MaxPoints}");
        }

        var state = _rt.Twin.Assets[index];
        var to = Now;
        var from = to - (minutes is { } m ? TimeSpan.FromMinutes(m) : HistoryWindow);
        IReadOnlyList<PropertyHistory>? history = null;
        string? historyError = null;
        try
        {
            history = await OnPipelineAsync(() => AssetHistory.Capture(state, from, points ?? DefaultHistoryPoints), cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineUnavailableException ex)
        {
            historyError = ex.Message;
        }

        var snapshot = Latest(await _view.FreshAsync(cancellationToken).ConfigureAwait(false), index);
        return Json(ApiJson.Build(w => TwinJson.WriteAsset(w, snapshot, state.Config, _rt.Twin.DynamicsOf(id), x =>
        {
            if (history is not null)
            {
                TwinJson.WriteHistory(x, history, from, to);
            }
            else
            {
                x.WriteNull("history");
                x.WriteString("historyError", historyError);
            }
        })));
    }

    /// <summary>
    /// <c>GET /api/history?name=plc1/pressure&amp;from=ISO&amp;to=ISO&amp;points=1000</c>: the stored local history of a
    /// point or asset property (default the last 24 h), averaged in equal groups down to <c>points</c>.
    /// </summary>
    private IResult StoredHistory(string? name, DateTime? from, DateTime? to, int? points)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error(StatusCodes.Status400BadRequest, "name is required: a point (device/point) or an asset property (asset/property)");
        }

        if (points is < 2 or > MaxStoredHistoryPoints)
        {
            return Error(StatusCodes.Status400BadRequest, $"points must be between 2 and {MaxStoredHistoryPoints}");
        }

        var end = (to ?? Now).ToUniversalTime();
        var start = (from ?? end - TimeSpan.FromHours(24)).ToUniversalTime();
        if (start >= end)
        {
            return Error(StatusCodes.Status400BadRequest, $"from ({ApiJson.Iso(start)}) must be before to ({ApiJson.Iso(end)})");
        }

        if (_rt.Outbox.History is not { } store)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "the history is not open yet");
        }

        IReadOnlyList<Storage.HistoryPoint> values;
        try
        {
            values = store.Query(name, start, end, points ?? DefaultStoredHistoryPoints);
        }
        catch (KeyNotFoundException ex)
        {
            return Error(StatusCodes.Status404NotFound, ex.Message + " (see /api/points and /api/assets)");
        }

        return Json(ApiJson.Object(w =>
        {
            w.WriteString("name", name);
            ApiJson.Time(w, "from", start);
            ApiJson.Time(w, "to", end);
            w.WriteStartArray("t");
            foreach (var p in values)
            {
                w.WriteNumberValue(ApiJson.EpochMs(p.Timestamp));
            }

            w.WriteEndArray();
            w.WriteStartArray("v");
            foreach (var p in values)
            {
                w.WriteNumberValue(p.Value);
            }

            w.WriteEndArray();
        }));
    }

    /// <summary><c>GET /api/alarms?active=true</c>: every configured alarm with its state (or only the raised ones).</summary>
    private async Task<IResult> AlarmsAsync(bool? active, CancellationToken cancellationToken)
    {
        var live = await _view.FreshAsync(cancellationToken).ConfigureAwait(false);
        return Json(ApiJson.Object(w =>
        {
            w.WriteStartArray("alarms");
            foreach (var alarm in live.Alarms.Where(a => active != true || a.Active))
            {
                TwinJson.WriteAlarm(w, alarm);
            }

            w.WriteEndArray();
        }));
    }

    private void WriteStatus(Utf8JsonWriter w, LiveSnapshot live)
    {
        var now = Now;
        var config = _rt.Config;
        w.WriteString("gateway", config.Gateway.Id);
        ApiJson.String(w, "site", config.Gateway.Site);
        w.WriteString("version", StatusReport.Version);
        ApiJson.Time(w, "started", _rt.Started);
        ApiJson.Time(w, "ts", now);
        ApiJson.Number(w, "uptimeSeconds", Math.Round((now - _rt.Started).TotalSeconds));
        w.WriteBoolean("firstPoll", _rt.FirstCycle.Task.IsCompleted);
        ApiJson.Number(w, "samplesPerSecond", live.SamplesPerSecond);

        var backlog = _rt.Outbox.Backlog;
        w.WriteStartObject("backlog");
        w.WriteNumber("messages", backlog.Messages);
        w.WriteNumber("bytes", backlog.Bytes);
        ApiJson.Time(w, "oldest", backlog.Oldest);
        ApiJson.Number(w, "oldestAgeSeconds", backlog.Oldest is { } oldest ? Math.Round(Math.Max(0, (now - oldest).TotalSeconds), 1) : null);
        w.WriteNumber("dropped", backlog.Dropped);
        w.WriteNumber("lastSeq", _rt.Outbox.LastCommittedSeq);
        w.WriteEndObject();

        w.WriteStartObject("uplink");
        w.WriteBoolean("configured", config.Mqtt is not null);
        ApiJson.String(w, "url", config.Mqtt?.Url.ToString());
        var uplink = _uplink();
        w.WriteBoolean("connected", uplink?.Connected ?? false);
        ApiJson.String(w, "error", uplink?.LastError);
        w.WriteNumber("published", uplink?.Published ?? 0);
        w.WriteNumber("backfilled", uplink?.Backfilled ?? 0);
        w.WriteNumber("failures", uplink?.Failures ?? 0);
        w.WriteNumber("connects", uplink?.Connects ?? 0);
        w.WriteNumber("ackedSeq", uplink?.LastAckedSeq ?? 0);
        ApiJson.Number(w, "latencyMs", uplink is null ? null : Math.Round(uplink.LastPublishLatencyMs, 2));
        w.WriteEndObject();

        w.WriteStartArray("devices");
        WriteDevices(w);
        w.WriteEndArray();

        w.WriteStartArray("assets");
        for (var i = 0; i < live.Assets.Count; i++)
        {
            var a = Latest(live, i);
            w.WriteStartObject();
            w.WriteString("id", a.Asset);
            w.WriteString("type", a.Type);
            w.WriteString("status", a.Status.ToString().ToLowerInvariant());
            ApiJson.Number(w, "health", a.Health);
            ApiJson.Number(w, "confidence", a.Confidence);
            ApiJson.Number(w, "anomalyScore", a.Models?.AnomalyScore);
            w.WriteBoolean("anomalous", a.Models?.Anomalous ?? false);
            ApiJson.Number(w, "rulHours", a.Models?.RulHours is { } rul ? Math.Round(rul, 4) : null);
            w.WriteNumber("activeAlarms", a.Alarms.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("alarms");
        w.WriteNumber("configured", live.Alarms.Count);
        w.WriteNumber("active", live.Alarms.Count(a => a.Active));
        w.WriteNumber("unacknowledged", live.Alarms.Count(a => a.Active && !a.Acknowledged));
        w.WriteEndObject();
    }

    private void WriteDevices(Utf8JsonWriter w)
    {
        foreach (var source in _rt.Sources)
        {
            DeviceJson.Write(w, _rt.Table.Devices[source.Device], source.Status);
        }
    }

    private void WritePoints(Utf8JsonWriter w, LiveSnapshot live, int device, DateTime now)
    {
        foreach (var point in _rt.Table.Points)
        {
            if (device >= 0 && point.Device != device)
            {
                continue;
            }

            DeviceJson.WritePoint(w, point, live.Points[point.Index], _rt.Table.Devices[point.Device], now);
        }
    }

    private void WriteAssets(Utf8JsonWriter w, LiveSnapshot live)
    {
        for (var i = 0; i < live.Assets.Count; i++)
        {
            var config = _rt.Twin.Assets[i].Config;
            TwinJson.WriteAsset(w, Latest(live, i), config, _rt.Twin.DynamicsOf(config.Id));
        }
    }

    /// <summary>The newer of the view's snapshot and the one the pipeline last published (when no batch arrived lately).</summary>
    private AssetSnapshot Latest(LiveSnapshot live, int index)
    {
        var mine = live.Assets[index];
        var published = _rt.Twin.Assets[index].Latest;
        return published is not null && published.Timestamp > mine.Timestamp ? published : mine;
    }

    private int AssetIndex(string id)
    {
        var assets = _rt.Twin.Assets;
        for (var i = 0; i < assets.Count; i++)
        {
            if (assets[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
