using System.Text.RegularExpressions;
using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>Reads the <c>assets</c> list and checks every reference to a point or property.</summary>
internal static partial class AssetReader
{
    public static IReadOnlyList<AssetConfig> ReadAll(MapReader root, IReadOnlyList<DeviceConfig> devices)
    {
        var points = new HashSet<string>(devices.SelectMany(d => d.Points.Select(p => d.Id + "/" + p.Id)), StringComparer.Ordinal);
        var assets = new List<AssetConfig>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in root.MapList("assets"))
        {
            var asset = Read(map, points);
            if (asset is null)
            {
                continue;
            }

            if (!ids.Add(asset.Id))
            {
                map.Error("id", $"duplicate asset id '{asset.Id}'");
                continue;
            }

            assets.Add(asset);
        }

        return assets;
    }

    private static AssetConfig? Read(MapReader map, HashSet<string> points)
    {
        var id = map.String("id", required: true, ConfigLoader.IdPattern(), ConfigLoader.IdText);
        var type = map.String("type", pattern: ConfigLoader.IdPattern(), patternText: ConfigLoader.IdText) ?? "generic";
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, key, at) in map.ScalarMap("properties") ?? [])
        {
            if (!PropertyName().IsMatch(name))
            {
                map.Errors.Add(at, map.KeyPath("properties." + name), "property names are letters, digits and '_', starting with a letter");
            }
            else if (!points.Contains(key))
            {
                map.Errors.Add(at, map.KeyPath("properties." + name), $"names point '{key}', which does not exist (expected device/point)");
            }
            else
            {
                properties[name] = key;
            }
        }

        var derived = ReadDerived(map, properties.Keys);
        var known = new HashSet<string>(properties.Keys.Concat(derived.Select(d => d.Name)), StringComparer.Ordinal);
        var alarms = new List<AlarmConfig>();
        foreach (var a in map.MapList("alarms"))
        {
            if (ReadAlarm(a, known) is { } alarm)
            {
                if (alarms.Any(x => x.Id == alarm.Id))
                {
                    a.Error("id", $"duplicate alarm id '{alarm.Id}'");
                }
                else
                {
                    alarms.Add(alarm);
                }
            }
        }

        var anomaly = ReadAnomaly(map.Map("anomaly"), known);
        var failure = ReadFailure(map.Map("failure"), known);
        var dynamics = ReadDynamics(map.Map("dynamics"), known);
        CapacityConfig? capacity = null;
        if (map.Map("capacity") is { } c)
        {
            var property = c.String("property", required: true);
            var limit = c.Number("limit", required: true, min: 0);
            if (property is not null && !known.Contains(property))
            {
                c.Error("property", $"'{property}' is not a property of the asset");
            }

            c.Done();
            capacity = property is not null && limit is { } l ? new CapacityConfig(property, l) : null;
        }

        map.Done();
        return id is null ? null : new AssetConfig
        {
            Id = id,
            Type = type,
            Properties = properties,
            Derived = derived,
            Alarms = alarms,
            Anomaly = anomaly,
            Failure = failure,
            Dynamics = dynamics,
            Capacity = capacity,
        };
    }

    private static List<DerivedConfig> ReadDerived(MapReader map, IEnumerable<string> properties)
    {
        // Each entry is `name: formula` or `name: { formula: ..., unit: ... }`; a formula may use the properties
        // and the derived properties defined before it.
        var known = new HashSet<string>(properties, StringComparer.Ordinal);
        var result = new List<DerivedConfig>();
        var derivedMap = map.Map("derived");
        if (derivedMap is null)
        {
            return result;
        }

        foreach (var name in derivedMap.Keys())
        {
            string? formula;
            string? unit = null;
            if (derivedMap.IsMapping(name))
            {
                var entry = derivedMap.Map(name)!;
                formula = entry.String("formula", required: true);
                unit = entry.String("unit");
                entry.Done();
            }
            else
            {
                formula = derivedMap.String(name, required: true);
            }

            if (!PropertyName().IsMatch(name) || known.Contains(name))
            {
                derivedMap.ErrorAtKey(name, known.Contains(name) ? "already a property" : "property names are letters, digits and '_', starting with a letter");
                continue;
            }

            if (formula is null)
            {
                continue;
            }

            try
            {
                EdgeTwin.Twin.Expressions.Formula.Compile(formula, known);
            }
            catch (EdgeTwin.Twin.Expressions.FormulaException ex)
            {
                derivedMap.Error(name, $"formula '{formula}': {ex.Message}");
                continue;
            }

            known.Add(name);
            result.Add(new DerivedConfig(name, formula, unit));
        }

        derivedMap.Done();
        return result;
    }

    private static AlarmConfig? ReadAlarm(MapReader map, HashSet<string> known)
    {
        var id = map.String("id", required: true, ConfigLoader.IdPattern(), ConfigLoader.IdText);
        var property = map.String("property", required: true);
        var high = map.Number("high");
        var low = map.Number("low");
        var hysteresis = map.Number("hysteresis", min: 0) ?? 0;
        var onDelay = map.Duration("onDelay") ?? TimeSpan.Zero;
        var offDelay = map.Duration("offDelay") ?? TimeSpan.Zero;
        var latched = map.Bool("latched") ?? false;
        var severity = map.Choice("severity", ["info", "warning", "critical"]) ?? "warning";
        if (property is not null && !known.Contains(property))
        {
            map.Error("property", $"'{property}' is not a property of the asset");
        }

        if (high is null && low is null)
        {
            map.Errors.Add(map.Start, map.Path, "an alarm needs high or low");
        }

        if (high is not null && low is not null && low >= high)
        {
            map.Error("low", "low must be below high");
        }

        map.Done();
        return id is null || property is null ? null : new AlarmConfig(id, property, high, low, hysteresis, onDelay, offDelay, latched, severity);
    }

    private static AnomalyConfig? ReadAnomaly(MapReader? map, HashSet<string> known)
    {
        if (map is null)
        {
            return null;
        }

        var learnText = map.Scalar("learn", required: false)?.Value ?? "400 samples";
        int samples = 0;
        TimeSpan? duration = null;
        var m = LearnSamples().Match(learnText);
        if (m.Success)
        {
            samples = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (Durations.TryParse(learnText, out var d))
        {
            duration = d;
        }
        else
        {
            map.Error("learn", $"'{learnText}' is neither a sample count (400 samples) nor a duration (2h)");
        }

        var features = map.StringList("features") ?? known.ToList();
        foreach (var f in features.Where(f => !known.Contains(f)))
        {
            map.Error("features", $"'{f}' is not a property of the asset");
        }

        if (features.Count == 0)
        {
            map.Error("features", "an anomaly model needs at least one feature");
        }

        var window = (int)(map.Integer("window", 1, 1000) ?? 1);
        var model = ConfigLoader.ExistingFile(map, "model");
        map.Done();
        return new AnomalyConfig(samples, duration, features, window, model);
    }

    private static FailureConfig? ReadFailure(MapReader? map, HashSet<string> known)
    {
        if (map is null)
        {
            return null;
        }

        var model = ConfigLoader.ExistingFile(map, "model") ?? map.String("model", required: true);
        var horizon = map.Duration("horizon") ?? TimeSpan.FromHours(48);
        var cycle = map.Duration("cycle", min: TimeSpan.FromMilliseconds(1));
        var level = map.Number("level", min: 0.01, max: 0.99) ?? 0.5;
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (input, property, at) in map.ScalarMap("inputs") ?? [])
        {
            if (!known.Contains(property))
            {
                map.Errors.Add(at, map.KeyPath("inputs." + input), $"'{property}' is not a property of the asset");
            }

            inputs[input] = property;
        }

        map.Done();
        return model is null ? null : new FailureConfig(model, horizon, inputs, cycle, level);
    }

    private static DynamicsConfig? ReadDynamics(MapReader? map, HashSet<string> known)
    {
        if (map is null)
        {
            return null;
        }

        var inputs = map.StringList("inputs") ?? [];
        var outputs = map.StringList("outputs") ?? [];
        foreach (var p in inputs.Concat(outputs).Where(p => !known.Contains(p)))
        {
            map.Error(inputs.Contains(p) ? "inputs" : "outputs", $"'{p}' is not a property of the asset");
        }

        if (outputs.Count == 0)
        {
            map.Error("outputs", "dynamics need at least one output property");
        }

        var step = map.Duration("step", min: TimeSpan.FromMilliseconds(10)) ?? TimeSpan.FromSeconds(10);
        var forgetting = map.Number("forgetting", min: 0.9, max: 1.0) ?? 0.999;
        map.Done();
        return new DynamicsConfig(inputs, outputs, step, forgetting);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex PropertyName();

    [GeneratedRegex(@"^\s*(\d+)\s*(samples)?\s*$")]
    private static partial Regex LearnSamples();
}
