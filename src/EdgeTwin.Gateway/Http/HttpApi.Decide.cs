using System.Text.Json;
using EdgeTwin.Gateway.Http.Json;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>From prediction to decision: maintenance recommendations, set-point optimisation, capacity headroom.</content>
public sealed partial class HttpApi
{
    /// <summary><c>GET /api/maintenance[?asset=pump1]</c>: the router's <c>maintenance</c> answer (recommendations and plan).</summary>
    private Task<IResult> MaintenanceAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var asset = context.Request.Query["asset"].ToString();
        var body = ApiJson.Object(w =>
        {
            if (asset.Length > 0)
            {
                w.WriteString("asset", asset);
            }
        });
        return CommandAsync("maintenance", body, "http " + Who(context), audit: null, cancellationToken);
    }

    /// <summary><c>POST /api/maintenance/{asset}/ack</c> <c>{"by"}</c>: the router's <c>maintenance-ack</c>, audited.</summary>
    private Task<IResult> MaintenanceAckAsync(string asset, HttpContext context, CancellationToken cancellationToken) =>
        MaintenanceChangeAsync("maintenance-ack", asset, context, cancellationToken);

    /// <summary><c>POST /api/maintenance/{asset}/close</c> <c>{"by","note"}</c>: the router's <c>maintenance-close</c>, audited.</summary>
    private Task<IResult> MaintenanceCloseAsync(string asset, HttpContext context, CancellationToken cancellationToken) =>
        MaintenanceChangeAsync("maintenance-close", asset, context, cancellationToken);

    /// <summary>
    /// <c>POST /api/assets/{id}/optimize</c> with the <c>optimize</c> command's arguments (without asset): the router's
    /// answer. Never writes: applying the set-points is a separate write.
    /// </summary>
    private Task<IResult> OptimizeAsync(string id, HttpContext context, CancellationToken cancellationToken) =>
        TargetedAsync("optimize", "asset", id, context, cancellationToken);

    /// <summary><c>POST /api/groups/{name}/optimize</c>: the router's <c>optimize</c> for a configured group of assets.</summary>
    private Task<IResult> OptimizeGroupAsync(string name, HttpContext context, CancellationToken cancellationToken) =>
        TargetedAsync("optimize", "group", name, context, cancellationToken);

    /// <summary><c>GET /api/capacity</c>: the router's <c>capacity</c> answer (headroom of every asset with a declared capacity).</summary>
    private Task<IResult> CapacityAsync(HttpContext context, CancellationToken cancellationToken) =>
        CommandAsync("capacity", ApiJson.Object(_ => { }), "http " + Who(context), audit: null, cancellationToken);

    /// <summary><c>POST /api/assets/{id}/capacity</c> <c>{"add":{"current":"+5"},"horizon":"1h"}</c>: "what if we add X".</summary>
    private Task<IResult> CapacityWhatIfAsync(string id, HttpContext context, CancellationToken cancellationToken) =>
        TargetedAsync("capacity", "asset", id, context, cancellationToken);

    /// <summary>The router's <paramref name="command"/> with the body's members and <paramref name="key"/> set to <paramref name="target"/> from the path (the only target: asset, group and assets of the body are dropped).</summary>
    private async Task<IResult> TargetedAsync(string command, string key, string target, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var request = ApiJson.Object(w =>
        {
            w.WriteString(key, target);
            if (body.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in body.EnumerateObject().Where(p => p.Name is not ("asset" or "group" or "assets")))
                {
                    p.WriteTo(w);
                }
            }
        });
        return await CommandAsync(command, request, "http " + Who(context), audit: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> MaintenanceChangeAsync(string command, string asset, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string? by = null, note = null;
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("by", out var b))
            {
                if (b.ValueKind != JsonValueKind.String || b.GetString() is not { Length: > 0 and <= MaxByLength } given)
                {
                    return Error(StatusCodes.Status400BadRequest, $"by must be a name of 1 to {MaxByLength} characters");
                }

                by = given;
            }

            if (body.TryGetProperty("note", out var n))
            {
                note = n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            }
        }

        by ??= "http " + Who(context);
        var request = ApiJson.Object(w =>
        {
            w.WriteString("asset", asset);
            if (note is not null)
            {
                w.WriteString("note", note);
            }
        });
        return await CommandAsync(command, request, by, asset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands <paramref name="command"/> to the router (the one way commands come in) and answers its result object, or
    /// its error with a fitting status: bad-request 400, not-found 404, conflict 409, denied 403, timeout 504.
    /// With <paramref name="audit"/> (the target) the command is written to the audit log.
    /// </summary>
    private async Task<IResult> CommandAsync(string command, byte[] request, string by, string? audit, CancellationToken cancellationToken)
    {
        var now = Now;
        var answer = await _commands.DispatchAsync(new CommandEnvelope(command, null, request, by, "http"), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        var ok = root.GetProperty("ok").GetBoolean();
        var (code, message) = ok ? (string.Empty, string.Empty) : (root.GetProperty("error").GetProperty("code").GetString() ?? "internal", root.GetProperty("error").GetProperty("message").GetString() ?? "the command failed");
        if (audit is not null)
        {
            _rt.Outbox.Audit.Append(new AuditEntry(now, by, command, audit, null, ok ? "ok" : "rejected", ok ? null : message));
        }

        if (!ok)
        {
            return Error(
                code switch
                {
                    "bad-request" => StatusCodes.Status400BadRequest,
                    "not-found" => StatusCodes.Status404NotFound,
                    "conflict" => StatusCodes.Status409Conflict,
                    "not-ready" => StatusCodes.Status422UnprocessableEntity,
                    "denied" => StatusCodes.Status403Forbidden,
                    "timeout" => StatusCodes.Status504GatewayTimeout,
                    "unknown-command" or "not-supported" => StatusCodes.Status501NotImplemented,
                    _ => StatusCodes.Status500InternalServerError,
                },
                message);
        }

        var result = root.TryGetProperty("result", out var r) ? r.GetRawText() : "{}";
        return Json(System.Text.Encoding.UTF8.GetBytes(result));
    }
}
