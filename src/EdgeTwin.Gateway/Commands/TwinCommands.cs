using System.Text.Json;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// The twin's commands: <c>simulate</c> (what-if), <c>learn</c> (relearn an asset's normal), <c>ack</c> (acknowledge
/// an alarm) and <c>model-update</c> (hot-swap an anomaly or failure model). Changes to the twin run on the pipeline thread.
/// </summary>
public sealed class TwinCommands : ICommandModule
{
    private readonly GatewayRuntime _rt;
    private readonly PipelineWork _work;

    /// <summary>Creates the module.</summary>
    public TwinCommands(GatewayRuntime runtime, PipelineWork work)
    {
        _rt = runtime;
        _work = work;
    }

    /// <inheritdoc />
    public void Register(CommandRouter router)
    {
        router.Register(
            "simulate",
            "What-if: {asset, overrides: {property: \"+20%\"|\"-3\"|\"42\"}, horizon: \"2h\", step: \"1m\"} -> trajectories and time to each alarm limit.",
            (context, _) => ValueTask.FromResult(Simulate(context)));
        router.Register("learn", "Relearns an asset's normal for its anomaly model: {asset}.", async (context, ct) =>
        {
            var asset = context.RequiredString("asset");
            await _work.RunAsync(() =>
            {
                return _rt.Twin.Relearn(asset, context.Received) ? true : throw new CommandException("bad-request", $"asset '{asset}' has no anomaly model configured");
            }, ct).ConfigureAwait(false);
            return CommandResult.Of(w =>
            {
                w.WriteString("asset", asset);
                w.WriteString("state", "learning");
            });
        });
        router.Register("ack", "Acknowledges an alarm: {alarm: \"asset/alarm\"}.", async (context, ct) =>
        {
            var alarm = context.RequiredString("alarm");
            var done = await _work.RunAsync(() => _rt.Twin.Acknowledge(alarm, context.Received, context.Who), ct).ConfigureAwait(false);
            if (!done)
            {
                throw new CommandException("bad-request", _rt.Twin.FindAlarm(alarm) is null ? $"unknown alarm '{alarm}' (expected asset/alarm)" : $"alarm '{alarm}' is not active or already acknowledged");
            }

            return CommandResult.Of(w =>
            {
                w.WriteString("alarm", alarm);
                w.WriteBoolean("acknowledged", true);
            });
        });
        router.Register("model-update", "Replaces an asset's anomaly or failure (RUL) model with an ONNX file on the gateway (manifest beside it): {asset, path, kind?: anomaly|failure}; the old model stays on any error.", async (context, ct) =>
        {
            var asset = context.RequiredString("asset");
            var path = context.RequiredString("path");
            var kind = context.Optional("kind")?.GetString() ?? KindOf(path);
            if (kind is not ("anomaly" or "failure"))
            {
                throw CommandException.BadRequest($"'kind': '{kind}' is not a model kind (anomaly or failure)");
            }

            await _work.RunAsync(() =>
            {
                var events = new List<Twin.Events.TwinEvent>();
                try
                {
                    if (kind == "failure")
                    {
                        var failure = _rt.Twin.FailureOf(asset) ?? throw new CommandException("bad-request", $"asset '{asset}' has no failure model configured (assets[].failure)");
                        failure.Replace(path, context.Received, events);
                    }
                    else
                    {
                        var runner = _rt.Twin.AnomalyOf(asset) ?? throw new CommandException("bad-request", $"asset '{asset}' has no anomaly model configured");
                        runner.Replace(path, context.Received, events);
                    }
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or Models.Errors.ModelException or UnauthorizedAccessException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
                {
                    throw new CommandException("invalid-model", $"{path}: {ex.Message}; the previous model stays in service");
                }
                finally
                {
                    // modelLoaded, or modelRejected (the twin shows the error too).
                    events.ForEach(_rt.Twin.Raise);
                }

                return true;
            }, ct).ConfigureAwait(false);
            return CommandResult.Of(w =>
            {
                w.WriteString("asset", asset);
                w.WriteString("kind", kind);
                w.WriteString("model", path);
            });
        });
    }

    /// <summary>A model whose manifest declares a rul output is a failure model; anything else an anomaly model.</summary>
    private static string KindOf(string onnxPath)
    {
        try
        {
            var manifest = Models.Manifest.ModelManifest.Load(Models.Manifest.ExportedModel.ManifestPathFor(onnxPath));
            return manifest.Output(Models.Manifest.ManifestOutput.RulRole) is null ? "anomaly" : "failure";
        }
        catch (Models.Errors.ManifestException ex)
        {
            throw new CommandException("invalid-model", $"{onnxPath}: {ex.Message}; the previous model stays in service");
        }
    }

    /// <summary>Parses and answers a simulate request (thread-safe: it reads only the frozen model).</summary>
    internal CommandResult Simulate(CommandContext context)
    {
        var asset = context.RequiredString("asset");
        var horizonText = context.Optional("horizon")?.GetString() ?? "1h";
        if (!Durations.TryParse(horizonText, out var horizon) || horizon <= TimeSpan.Zero)
        {
            throw CommandException.BadRequest($"'horizon': '{horizonText}' is not a duration (e.g. 2h)");
        }

        TimeSpan? step = null;
        if (context.Optional("step")?.GetString() is { } stepText)
        {
            step = Durations.TryParse(stepText, out var s) && s > TimeSpan.Zero ? s : throw CommandException.BadRequest($"'step': '{stepText}' is not a duration (e.g. 10s)");
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Optional("overrides") is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var p in o.EnumerateObject())
            {
                overrides[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        else if (context.Optional("overrides") is { } other && other.ValueKind != JsonValueKind.Null)
        {
            throw CommandException.BadRequest("'overrides' must be an object of property: change");
        }

        WhatIfResult result;
        try
        {
            result = _rt.Twin.Simulate(asset, new WhatIfRequest(overrides, horizon, step));
        }
        catch (WhatIfException ex)
        {
            throw new CommandException("bad-request", ex.Message);
        }

        return CommandResult.Of(w => WhatIfJson.Write(w, result));
    }
}
