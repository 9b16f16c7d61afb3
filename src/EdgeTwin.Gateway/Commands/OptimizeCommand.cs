using System.Text.Json;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Twin.Optimization;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// <c>optimize</c>: the best set-points of an asset, or of a group of assets together, for an objective under
/// constraints over a horizon, evaluated on their identified dynamics. It only answers: applying the set-points is a separate, authorised <c>write</c> (whose
/// allow-list and bounds still apply); the answer names the point each decision would be written to.
/// </summary>
public sealed class OptimizeCommand : ICommandModule
{
    private readonly GatewayRuntime _rt;

    /// <summary>Creates the module.</summary>
    public OptimizeCommand(GatewayRuntime runtime) => _rt = runtime;

    /// <inheritdoc />
    public void Register(CommandRouter router)
    {
        router.Register(
            "optimize",
            "Set-points: {asset | group | assets: [ids], decision: {property: [min, max]}, objective: \"minimize power\"|formula, constraints: [\"temperature <= 27\"], horizon: \"2h\"} -> best set-points, objective change, trajectories, margins; never writes. In a group asset.property names one asset; a plain name is summed in the objective and one constraint per asset.",
            (context, _) => ValueTask.FromResult(Optimize(context)));
        router.Register(
            "capacity",
            "Capacity headroom of every asset with a declared capacity, or {asset, add: {input: \"+5\"|\"+20%\"}, horizon} -> the predicted peak and headroom with the addition.",
            (context, _) => ValueTask.FromResult(Capacity(context)));
    }

    /// <summary>Answers a capacity request (thread-safe).</summary>
    internal CommandResult Capacity(CommandContext context)
    {
        var asset = context.Optional("asset") is { ValueKind: JsonValueKind.String } named ? named.GetString() : null;
        var add = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Optional("add") is { ValueKind: JsonValueKind.Object } a)
        {
            foreach (var p in a.EnumerateObject())
            {
                add[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "+" + p.Value.GetRawText();
            }
        }

        var horizonText = context.Optional("horizon")?.GetString() ?? "1h";
        if (!Durations.TryParse(horizonText, out var horizon) || horizon <= TimeSpan.Zero)
        {
            throw CommandException.BadRequest($"'horizon': '{horizonText}' is not a duration (e.g. 2h)");
        }

        if (add.Count > 0 && asset is null)
        {
            throw CommandException.BadRequest("'add' needs 'asset'");
        }

        var results = new List<CapacityResult>();
        try
        {
            foreach (var a2 in _rt.Twin.Assets.Where(x => asset is null ? x.Config.Capacity is not null : x.Id == asset))
            {
                results.Add(CapacityCheck.Check(_rt.Twin, a2.Id, add, horizon));
            }

            if (asset is not null && results.Count == 0)
            {
                throw new OptimizationException($"unknown asset '{asset}'");
            }
        }
        catch (OptimizationException ex)
        {
            throw new CommandException(asset is not null && _rt.Twin.Find(asset) is null ? "not-found" : "bad-request", ex.Message);
        }
        catch (WhatIfException ex)
        {
            throw new CommandException(ex.Message.Contains("no identified dynamics yet", StringComparison.Ordinal) ? "not-ready" : "bad-request", ex.Message);
        }

        return CommandResult.Of(w =>
        {
            w.WriteStartArray("assets");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("asset", r.Asset);
                w.WriteString("property", r.Property);
                if (r.Unit is { } unit)
                {
                    w.WriteString("unit", unit);
                }

                Number(w, "limit", r.Limit);
                Number(w, "value", r.Value);
                Number(w, "headroom", r.Headroom);
                if (r.Trajectory is { } trajectory)
                {
                    Number(w, "peak", r.Peak!.Value);
                    Number(w, "headroomAfter", r.HeadroomAfter!.Value);
                    w.WriteNumber("peakAtSeconds", r.PeakAtSeconds!.Value);
                    w.WriteBoolean("fits", r.Fits!.Value);
                    w.WriteStartObject("trajectory");
                    WhatIfJson.Write(w, trajectory);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>Parses and answers an optimize request for an asset, a configured group or a list of assets (thread-safe: it reads only the pinned models).</summary>
    internal CommandResult Optimize(CommandContext context)
    {
        var asset = context.Optional("asset") is { ValueKind: JsonValueKind.String } a ? a.GetString() : null;
        var group = context.Optional("group") is { ValueKind: JsonValueKind.String } g ? g.GetString() : null;
        var listed = context.Optional("assets");
        if ((asset is null ? 0 : 1) + (group is null ? 0 : 1) + (listed is null ? 0 : 1) != 1)
        {
            throw CommandException.BadRequest("give one of 'asset' (an asset id), 'group' (a configured group) or 'assets' (a list of asset ids)");
        }

        var request = Parse(context);
        if (asset is not null)
        {
            var result = Solving(() => AssetOptimizer.Solve(_rt.Twin, asset, request), [asset]);
            var config = _rt.Twin.Find(asset)!.Config;
            return CommandResult.Of(w =>
            {
                w.WriteString("asset", asset);
                WriteAnswer(w, request, result);
                Values(w, "setpoints", result.Best);
                Values(w, "current", result.Current);

                // How to apply it: a separate write per decision (the gateway's allow-list and bounds apply there).
                w.WriteStartArray("apply");
                foreach (var (property, value) in result.Best)
                {
                    Apply(w, null, config, property, value);
                }

                w.WriteEndArray();
                w.WriteStartObject("trajectory");
                WhatIfJson.Write(w, result.Trajectory);
                w.WriteEndObject();
                w.WriteStartObject("baseline");
                WhatIfJson.Write(w, result.Baseline);
                w.WriteEndObject();
            });
        }

        IReadOnlyList<string> members;
        if (group is not null)
        {
            members = _rt.Config.Groups.TryGetValue(group, out var configured) ? configured
                : throw new CommandException("not-found", $"unknown group '{group}' (groups: {(_rt.Config.Groups.Count == 0 ? "none configured" : string.Join(", ", _rt.Config.Groups.Keys))})");
        }
        else if (listed is { ValueKind: JsonValueKind.Array } list && list.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
        {
            members = list.EnumerateArray().Select(x => x.GetString()!).ToList();
        }
        else
        {
            throw CommandException.BadRequest("'assets' must be a list of asset ids");
        }

        var answer = Solving(() => AssetOptimizer.SolveGroup(_rt.Twin, group, members, request), members);
        return CommandResult.Of(w => WriteGroup(w, request, answer));
    }

    /// <summary>Runs <paramref name="solve"/>, turning its refusals into command errors (an unknown asset is not-found, no model yet not-ready).</summary>
    private T Solving<T>(Func<T> solve, IReadOnlyList<string> assets)
    {
        try
        {
            return solve();
        }
        catch (OptimizationException ex)
        {
            throw new CommandException(assets.Any(a => _rt.Twin.Find(a) is null) ? "not-found" : "bad-request", ex.Message);
        }
        catch (WhatIfException ex)
        {
            throw new CommandException("not-ready", ex.Message);
        }
    }

    private static OptimizeRequest Parse(CommandContext context)
    {
        var decision = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        if (context.Optional("decision") is not { ValueKind: JsonValueKind.Object } d)
        {
            throw CommandException.BadRequest("'decision' (an object of property: [min, max]) is required");
        }

        foreach (var p in d.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2 || p.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            {
                throw CommandException.BadRequest($"'decision.{p.Name}' must be [min, max] (two numbers)");
            }

            decision[p.Name] = (p.Value[0].GetDouble(), p.Value[1].GetDouble());
        }

        var objective = context.Optional("objective") is { ValueKind: JsonValueKind.String } o && o.GetString() is { Length: > 0 } text
            ? text
            : throw CommandException.BadRequest("'objective' (\"minimize PROPERTY\", \"maximize PROPERTY\" or a formula to minimise) is required");
        var constraints = new List<string>();
        if (context.Optional("constraints") is { } c && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Array || c.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                throw CommandException.BadRequest("'constraints' must be a list of texts such as \"temperature <= 27\"");
            }

            constraints.AddRange(c.EnumerateArray().Select(x => x.GetString()!));
        }

        var horizonText = context.Optional("horizon")?.GetString() ?? "1h";
        if (!Durations.TryParse(horizonText, out var horizon) || horizon <= TimeSpan.Zero)
        {
            throw CommandException.BadRequest($"'horizon': '{horizonText}' is not a duration (e.g. 2h)");
        }

        return new OptimizeRequest(decision, objective, constraints, horizon);
    }

    /// <summary>The members an asset's and a group's answers share: feasibility, message, objective, margins, evaluations.</summary>
    private static void WriteAnswer(Utf8JsonWriter w, OptimizeRequest request, OptimizationResult r)
    {
        w.WriteBoolean("feasible", r.Feasible);
        w.WriteString("message", r.Message);
        w.WriteStartObject("objective");
        w.WriteString("text", request.Objective);
        Number(w, "current", r.CurrentObjective);
        Number(w, "best", r.Objective);
        Number(w, "change", r.Objective - r.CurrentObjective);
        if (r.RelativeChange is { } relative)
        {
            Number(w, "relativeChange", relative);
        }
        else
        {
            w.WriteNull("relativeChange");
        }

        w.WriteEndObject();
        Margins(w, "margins", r.Margins);
        Margins(w, "currentMargins", r.CurrentMargins);
        w.WriteNumber("evaluations", r.Evaluations);
    }

    private void WriteGroup(Utf8JsonWriter w, OptimizeRequest request, GroupOptimizationResult g)
    {
        var r = g.Combined;
        if (g.Group is { } name)
        {
            w.WriteString("group", name);
        }
        else
        {
            w.WriteNull("group");
        }

        w.WriteStartArray("assets");
        foreach (var asset in g.Assets)
        {
            w.WriteStringValue(asset);
        }

        w.WriteEndArray();
        WriteAnswer(w, request, r);
        foreach (var (member, values) in new[] { ("setpoints", r.Best), ("current", r.Current) })
        {
            w.WriteStartObject(member);
            foreach (var asset in g.Assets)
            {
                w.WriteStartObject(asset);
                foreach (var d in g.Decisions.Where(d => d.Asset == asset))
                {
                    Number(w, d.Property, values[d.Name]);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("apply");
        foreach (var d in g.Decisions)
        {
            Apply(w, d.Asset, _rt.Twin.Find(d.Asset)!.Config, d.Property, r.Best[d.Name]);
        }

        w.WriteEndArray();
        foreach (var (member, trajectories) in new[] { ("trajectories", g.Trajectories), ("baselines", g.Baselines) })
        {
            w.WriteStartObject(member);
            foreach (var asset in g.Assets)
            {
                w.WriteStartObject(asset);
                WhatIfJson.Write(w, trajectories[asset]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }
    }

    /// <summary>One entry of <c>apply</c>: the value, and the point a write would set and whether it is writable.</summary>
    private void Apply(Utf8JsonWriter w, string? asset, Core.Configuration.AssetConfig config, string property, double value)
    {
        w.WriteStartObject();
        if (asset is not null)
        {
            w.WriteString("asset", asset);
        }

        w.WriteString("property", property);
        Number(w, "value", value);
        if (config.Properties.TryGetValue(property, out var key))
        {
            w.WriteString("point", key);
            w.WriteBoolean("writable", _rt.Table.TryGet(key, out var point) && point.Config.Writable is not null);
        }
        else
        {
            w.WriteNull("point");
            w.WriteBoolean("writable", false);
        }

        w.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            Number(w, key, value);
        }

        w.WriteEndObject();
    }

    private static void Margins(Utf8JsonWriter w, string name, IReadOnlyList<ConstraintMargin> margins)
    {
        w.WriteStartArray(name);
        foreach (var m in margins)
        {
            w.WriteStartObject();
            w.WriteString("constraint", m.Constraint);
            Number(w, "margin", m.Margin);
            w.WriteNumber("atSeconds", m.AtSeconds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
