using EdgeTwin.Gateway.Http.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>Liveness, readiness and Prometheus metrics.</content>
public sealed partial class HttpApi
{
    /// <summary>The media type of the Prometheus text exposition format.</summary>
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary><c>GET /healthz</c>: the process serves requests.</summary>
    private IResult Healthz() => Json(ApiJson.Object(w =>
    {
        w.WriteString("status", "alive");
        ApiJson.Time(w, "ts", Now);
    }));

    /// <summary><c>GET /readyz</c>: 200 when every check passes, else 503 with the reasons.</summary>
    private IResult Readyz()
    {
        var checks = _readiness.Check();
        var ready = checks.All(c => c.Ok);
        return Json(ApiJson.Object(w =>
        {
            w.WriteBoolean("ready", ready);
            w.WriteStartArray("reasons");
            foreach (var check in checks.Where(c => !c.Ok))
            {
                w.WriteStringValue(check.Name + ": " + check.Detail);
            }

            w.WriteEndArray();
            w.WriteStartObject("checks");
            foreach (var check in checks)
            {
                w.WriteStartObject(check.Name);
                w.WriteBoolean("ok", check.Ok);
                w.WriteString("detail", check.Detail);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            ApiJson.Time(w, "ts", Now);
        }), ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary><c>GET /metrics</c>: the Prometheus text format.</summary>
    private async Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusContentType;
        context.Response.Headers.CacheControl = "no-store";
        await _metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
