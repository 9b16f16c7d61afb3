using System.Globalization;
using System.Text.Json;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Http.Json;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using EdgeTwin.Twin.WhatIf;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>The write side: acknowledge an alarm, run a what-if simulation.</content>
public sealed partial class HttpApi
{
    /// <summary>Largest request body accepted by the actions.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Default what-if horizon.</summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromMinutes(10);

    /// <summary>Longest what-if horizon.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromHours(24);

    private const int MaxByLength = 64;

    /// <summary>
    /// <c>POST /api/alarms/{asset}/{alarm}/ack</c> with <c>{"by":"name"}</c> (optional): hands the router's <c>ack</c>
    /// command in (the one way commands come back into the gateway; it acknowledges on the pipeline thread), refreshes
    /// the view so the page sees it at once, and writes the audit log. 404 unknown alarm, 409 not active or already
    /// acknowledged, 503/504 when the pipeline does not answer.
    /// </summary>
    private async Task<IResult> AcknowledgeAsync(string asset, string alarm, HttpContext context, CancellationToken cancellationToken)
    {
        var key = asset + "/" + alarm;
        if (_rt.Twin.FindAlarm(key) is null)
        {
            return Error(StatusCodes.Status404NotFound, $"no alarm '{key}' (see /api/alarms)");
        }

        var (body, problem) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string? by = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("by", out var byElement))
        {
            if (byElement.ValueKind != JsonValueKind.String || byElement.GetString() is not { Length: > 0 and <= MaxByLength } given)
            {
                return Error(StatusCodes.Status400BadRequest, $"by must be a name of 1 to {MaxByLength} characters");
            }

            by = given;
        }

        by ??= "http " + Who(context);
        var now = Now;
        var request = ApiJson.Object(w => w.WriteString("alarm", key));
        var answer = await _commands.DispatchAsync(new CommandEnvelope("ack", null, request, by, "http"), cancellationToken).ConfigureAwait(false);
        var (ok, code, message) = ReadAnswer(answer);
        _rt.Outbox.Audit.Append(new AuditEntry(now, by, "ack", key, null, ok ? "ok" : "rejected", ok ? null : message));
        if (!ok)
        {
            return Error(
                code switch
                {
                    // The alarm exists (checked above), so the router's bad-request means "nothing to acknowledge".
                    "bad-request" => StatusCodes.Status409Conflict,
                    "timeout" => StatusCodes.Status504GatewayTimeout,
                    "denied" => StatusCodes.Status403Forbidden,
                    "unknown-command" or "not-supported" => StatusCodes.Status501NotImplemented,
                    _ => StatusCodes.Status500InternalServerError,
                },
                message);
        }

        // Acknowledged; when the pipeline is busy the page sees it with the next refresh instead of at once.
        await TryRefreshViewAsync(cancellationToken).ConfigureAwait(false);

        Log.Acknowledged(_logger, key, by);
        return Json(ApiJson.Object(w =>
        {
            w.WriteString("alarm", key);
            w.WriteBoolean("acknowledged", true);
            w.WriteString("by", by);
            ApiJson.Time(w, "ts", now);
        }));
    }

    /// <summary>Reads a router response: <c>{"ok":true,...}</c> or <c>{"ok":false,"error":{"code":"...","message":"..."}}</c>.</summary>
    private static (bool Ok, string Code, string Message) ReadAnswer(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        if (root.GetProperty("ok").GetBoolean())
        {
            return (true, string.Empty, string.Empty);
        }

        var error = root.GetProperty("error");
        return (false, error.GetProperty("code").GetString() ?? "internal", error.GetProperty("message").GetString() ?? "the command failed");
    }

    /// <summary>
    /// <c>POST /api/assets/{id}/simulate</c> with <c>{"inputs":{"speed":60,"cooling":false,"flow":"+20%"},"horizon":"10m"}</c>:
    /// the trajectories the twin's identified dynamics predict (and with the inputs left alone, for comparison), the
    /// asset's alarm limits and when they would be crossed. Inputs are absolute values, true/false, or changes relative
    /// to now ("+3", "-5%"). 404 unknown asset, 409 no dynamics configured, 422 not answerable yet (too little data).
    /// </summary>
    private async Task<IResult> SimulateAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var index = AssetIndex(id);
        if (index < 0)
        {
            return Error(StatusCodes.Status404NotFound, $"no asset '{id}' (see /api/assets)");
        }

        var config = _rt.Twin.Assets[index].Config;
        if (config.Dynamics is null || _rt.Twin.DynamicsOf(id) is null)
        {
            return Error(StatusCodes.Status409Conflict, $"asset '{id}' has no what-if model: give it a 'dynamics' section (inputs, outputs, step) in the configuration");
        }

        var (body, problem) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryParseSimulation(body, out var overrides, out var horizon, out var error))
        {
            return Error(StatusCodes.Status400BadRequest, error);
        }

        Log.Simulating(_logger, id, Durations.Format(horizon));
        WhatIfResult result, baseline;
        try
        {
            // The twin simulates from its latest frozen model: safe on this thread, no pipeline round trip.
            result = _rt.Twin.Simulate(id, new WhatIfRequest(overrides, horizon));
            baseline = overrides.Count == 0 ? result : _rt.Twin.Simulate(id, new WhatIfRequest(new Dictionary<string, string>(), horizon));
        }
        catch (WhatIfException ex)
        {
            return Error(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }

        return Json(ApiJson.Object(w => WhatIfJson.Write(w, overrides, horizon, result, baseline, config, _rt.Twin.Assets[index])));
    }

    private static bool TryParseSimulation(JsonElement body, out Dictionary<string, string> overrides, out TimeSpan horizon, out string error)
    {
        overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        horizon = DefaultHorizon;
        error = string.Empty;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var member in body.EnumerateObject())
        {
            switch (member.Name)
            {
                case "inputs" when member.Value.ValueKind == JsonValueKind.Object:
                    foreach (var input in member.Value.EnumerateObject())
                    {
                        string? change = input.Value.ValueKind switch
                        {
                            JsonValueKind.Number when input.Value.TryGetDouble(out var v) && double.IsFinite(v) => v.ToString("R", CultureInfo.InvariantCulture),
                            JsonValueKind.True => "1",
                            JsonValueKind.False => "0",
                            JsonValueKind.String when input.Value.GetString() is { Length: > 0 and <= 32 } text => text.Trim(),
                            _ => null,
                        };
                        if (change is null)
                        {
                            error = $"inputs.{input.Name}: must be a number, true/false, or a change such as \"+3\" or \"-10%\"";
                            return false;
                        }

                        overrides[input.Name] = change;
                    }

                    break;
                case "inputs":
                    error = "inputs must be an object of property: value";
                    return false;
                case "horizon":
                    if (!TryHorizon(member.Value, out horizon))
                    {
                        error = $"horizon must be a duration such as \"10m\" (at most {Durations.Format(MaxHorizon)}) or a number of seconds";
                        return false;
                    }

                    break;
                default:
                    error = $"unknown member '{member.Name}' (expected inputs, horizon)";
                    return false;
            }
        }

        return true;
    }

    private static bool TryHorizon(JsonElement element, out TimeSpan horizon)
    {
        horizon = default;
        var ok = element.ValueKind switch
        {
            JsonValueKind.String => Durations.TryParse(element.GetString(), out horizon),
            JsonValueKind.Number when element.TryGetDouble(out var seconds) && seconds is > 0 and < 1e7 => Set(TimeSpan.FromSeconds(seconds), out horizon),
            _ => false,
        };
        return ok && horizon > TimeSpan.Zero && horizon <= MaxHorizon;

        static bool Set(TimeSpan value, out TimeSpan target)
        {
            target = value;
            return true;
        }
    }

    /// <summary>Refreshes the live view on the pipeline thread so that a change shows at once; false when the pipeline is busy.</summary>
    private async Task<bool> TryRefreshViewAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OnPipelineAsync(() =>
            {
                _view.Refresh(_rt.Time.GetUtcNow().UtcDateTime);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineUnavailableException)
        {
            return false;
        }
    }

    private async Task<T> OnPipelineAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PipelineTimeout);
        try
        {
            return await _view.Work.RunAsync(work, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = $"the pipeline did not take the request within {PipelineTimeout.TotalSeconds:0} s (does any device deliver data?)";
            Log.PipelineBusy(_logger, reason);
            throw new PipelineUnavailableException(reason);
        }
        catch (PipelineUnavailableException ex)
        {
            Log.PipelineBusy(_logger, ex.Message);
            throw;
        }
    }

    /// <summary>Reads a small JSON body; an empty body is an empty object.</summary>
    private static async Task<(JsonElement Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return (default, Error(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {MaxBodyBytes} bytes"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (default, Error(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {MaxBodyBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (default, null);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, Error(StatusCodes.Status400BadRequest, "the request body must be a JSON object"));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, Error(StatusCodes.Status400BadRequest, "the request body is not valid JSON: " + ex.Message));
        }
    }

    private static string Who(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        return remote is null ? "unknown" : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
    }
}
