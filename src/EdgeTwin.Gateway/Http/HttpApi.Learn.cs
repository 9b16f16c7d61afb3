using EdgeTwin.Gateway.Http.Json;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>Relearning an asset's normal (what <c>edgetwin learn</c> calls).</content>
public sealed partial class HttpApi
{
    /// <summary>
    /// <c>POST /api/assets/{id}/learn</c>: hands the router's <c>learn</c> command in (the anomaly model forgets its
    /// normal and learns again from the next data), writes the audit log and answers <c>{"asset","state":"learning","ts"}</c>,
    /// <c>ts</c> being a time after the relearning took effect (an asset snapshot at or after it no longer shows the old model);
    /// progress then shows in <c>GET /api/assets/{id}</c> (<c>anomaly.state</c>, <c>anomaly.progress</c>) and as
    /// learningProgress/learningComplete events. 404 unknown asset, 409 no anomaly model, 503/504 pipeline unavailable.
    /// </summary>
    private async Task<IResult> LearnAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var index = AssetIndex(id);
        if (index < 0)
        {
            return Error(StatusCodes.Status404NotFound, $"no asset '{id}' (see /api/assets)");
        }

        if (_rt.Twin.AnomalyOf(id) is null)
        {
            return Error(StatusCodes.Status409Conflict, $"asset '{id}' has no anomaly model: give it an 'anomaly' section (learn, features) in the configuration");
        }

        var by = "http " + Who(context);
        var now = Now;
        var answer = await _commands.DispatchAsync(new CommandEnvelope("learn", null, ApiJson.Object(w => w.WriteString("asset", id)), by, "http"), cancellationToken).ConfigureAwait(false);
        var (ok, code, message) = ReadAnswer(answer);
        _rt.Outbox.Audit.Append(new AuditEntry(now, by, "learn", id, null, ok ? "ok" : "rejected", ok ? null : message));
        if (!ok)
        {
            return Error(code == "timeout" ? StatusCodes.Status504GatewayTimeout : code == "denied" ? StatusCodes.Status403Forbidden : StatusCodes.Status503ServiceUnavailable, message);
        }

        // Learning has started (the command ran on the pipeline before answering); when the pipeline is busy the view
        // shows it with its next refresh. A snapshot stamped before this moment may still show the old model.
        var applied = Now;
        await TryRefreshViewAsync(cancellationToken).ConfigureAwait(false);
        return Json(ApiJson.Object(w =>
        {
            w.WriteString("asset", id);
            w.WriteString("state", "learning");
            ApiJson.Time(w, "ts", applied);
        }));
    }
}
