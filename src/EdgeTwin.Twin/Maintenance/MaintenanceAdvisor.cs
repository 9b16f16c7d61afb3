using System.Globalization;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Twin.Events;

namespace EdgeTwin.Twin.Maintenance;

/// <summary>
/// Turns one asset's failure probability, remaining useful life and anomaly into a maintenance recommendation that
/// does not flap. Each level is a switch with hysteresis (on above the probability level, off only
/// <see cref="MaintenanceConfig.Hysteresis"/> below it; on below the RUL level, off only that fraction above it); the
/// priority follows the switches: critical (RUL below the critical level), high (probability and RUL levels both
/// crossed), medium (one of them), low (anomalous only). A higher priority is taken at once; a lower one only after it
/// has held for <see cref="MaintenanceConfig.MinDwell"/> and the current one has been held that long too. Never
/// writes anything to the plant: it only recommends. Single-threaded (the pipeline thread).
/// </summary>
public sealed class MaintenanceAdvisor
{
    /// <summary>Most trends named as evidence.</summary>
    public const int MaxTrends = 3;

    /// <summary>A trend is evidence when its line explains at least this share of the variance (R²)...</summary>
    public const double TrendStrength = 0.3;

    /// <summary>...and it moved the property by at least this fraction of its level.</summary>
    public const double TrendChange = 0.02;

    private readonly MaintenanceConfig _config;
    private readonly string _asset;
    private readonly string _type;
    private bool _probabilityOver;
    private bool _rulUnder;
    private bool _critical;
    private MaintenancePriority _held;
    private DateTime _heldSince;
    private DateTime? _lowerSince;
    private MaintenancePriority _suppressedUpTo;
    private int _serial;

    /// <summary>Creates the advisor of asset <paramref name="asset"/> of type <paramref name="type"/>.</summary>
    public MaintenanceAdvisor(string asset, string type, MaintenanceConfig config)
    {
        _asset = asset;
        _type = type;
        _config = config;
    }

    /// <summary>The open or acknowledged recommendation, or null.</summary>
    public MaintenanceRecommendation? Current { get; private set; }

    /// <summary>The last recommendation that was closed or cleared (for the retained topic), or null.</summary>
    public MaintenanceRecommendation? Last { get; private set; }

    /// <summary>The priority the advisor holds (also while a closed recommendation suppresses it).</summary>
    public MaintenancePriority Held => _held;

    /// <summary>Set when the recommendation changed in a way to publish (opened, priority, state); cleared by the publisher.</summary>
    public bool Changed { get; set; }

    /// <summary>Evaluates <paramref name="input"/>; adds maintenanceRecommended/Updated/Cleared events. Returns true when something changed.</summary>
    public bool Evaluate(MaintenanceInput input, List<TwinEvent> events)
    {
        var now = input.Time;
        UpdateSwitches(input);
        var target = _critical ? MaintenancePriority.Critical
            : _probabilityOver && _rulUnder ? MaintenancePriority.High
            : _probabilityOver || _rulUnder ? MaintenancePriority.Medium
            : input.Anomalous ? MaintenancePriority.Low
            : MaintenancePriority.None;

        var previous = _held;
        if (target > _held)
        {
            _held = target;
            _heldSince = now;
            _lowerSince = null;
        }
        else if (target < _held)
        {
            _lowerSince ??= now;
            if (now - _lowerSince.Value >= _config.MinDwell && now - _heldSince >= _config.MinDwell)
            {
                _held = target;
                _heldSince = now;
                _lowerSince = null;
            }
        }
        else
        {
            _lowerSince = null;
        }

        if (_held == MaintenancePriority.None)
        {
            _suppressedUpTo = MaintenancePriority.None;
        }

        var evidence = Evidence(input);
        var confidence = Confidence(input);
        var changed = false;
        if (Current is { } current)
        {
            if (_held <= _suppressedUpTo || _held == MaintenancePriority.None)
            {
                Last = current with { State = RecommendationState.Cleared, Changed = now, Evidence = evidence, Confidence = confidence };
                Current = null;
                events.Add(Event("maintenanceCleared", now, Last, ("previousPriority", Name(current.Priority))));
                changed = true;
            }
            else if (_held != current.Priority)
            {
                var (start, end) = Window(_held, input);
                Current = Fill(current with { Priority = _held, Changed = now, WindowStart = start, WindowEnd = end }, input, evidence, confidence);
                events.Add(Event("maintenanceUpdated", now, Current, ("previousPriority", Name(current.Priority))));
                changed = true;
            }
            else
            {
                // Evidence and figures follow the models; what is published (priority, window, state) stays.
                Current = Fill(current, input, evidence, confidence);
            }
        }
        else if (_held > _suppressedUpTo)
        {
            var (start, end) = Window(_held, input);
            Current = Fill(
                new MaintenanceRecommendation
                {
                    Id = $"{_asset}-{now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{++_serial}",
                    Asset = _asset,
                    AssetType = _type,
                    Priority = _held,
                    Opened = now,
                    Changed = now,
                    WindowStart = start,
                    WindowEnd = end,
                },
                input,
                evidence,
                confidence);
            events.Add(Event("maintenanceRecommended", now, Current, ("previousPriority", Name(previous))));
            changed = true;
        }

        Changed |= changed;
        return changed;
    }

    /// <summary>Acknowledges the current recommendation; false when there is none or it is already acknowledged.</summary>
    public bool Acknowledge(DateTime now, string by, List<TwinEvent> events)
    {
        if (Current is not { State: RecommendationState.Open } current)
        {
            return false;
        }

        Current = current with { State = RecommendationState.Acknowledged, Acknowledged = (by, now), Changed = now };
        events.Add(Event("maintenanceAcknowledged", now, Current, ("by", by)));
        Changed = true;
        return true;
    }

    /// <summary>
    /// Closes the current recommendation (work done or dismissed); a new one opens only when the priority rises above
    /// the closed one, or after the condition has cleared and returned. False when there is none.
    /// </summary>
    public bool Close(DateTime now, string by, string? note, List<TwinEvent> events)
    {
        if (Current is not { } current)
        {
            return false;
        }

        Last = current with { State = RecommendationState.Closed, Closed = (by, now, note), Changed = now };
        Current = null;
        _suppressedUpTo = _held;
        events.Add(Event("maintenanceClosed", now, Last, ("by", by), ("note", note)));
        Changed = true;
        return true;
    }

    /// <summary>The lower-case name of a priority (as published).</summary>
    public static string Name(MaintenancePriority priority) => priority.ToString().ToLowerInvariant();

    /// <summary>The lower-case name of a state (as published).</summary>
    public static string Name(RecommendationState state) => state.ToString().ToLowerInvariant();

    private void UpdateSwitches(MaintenanceInput input)
    {
        if (input.Probability is { } p)
        {
            _probabilityOver = _probabilityOver ? p > _config.Probability - _config.Hysteresis : p > _config.Probability;
        }

        if (input.RulHours is { } rul)
        {
            var level = _config.Rul.TotalHours;
            var critical = _config.Critical.TotalHours;
            _rulUnder = _rulUnder ? rul < level * (1 + _config.Hysteresis) : rul < level;
            _critical = _critical ? rul < critical * (1 + _config.Hysteresis) : rul < critical;
        }
    }

    private (DateTime Start, DateTime End) Window(MaintenancePriority priority, MaintenanceInput input)
    {
        var now = input.Time;
        var within = priority switch
        {
            MaintenancePriority.Critical => _config.Critical,
            MaintenancePriority.Low => _config.EffectiveWindow * 4,
            _ => _config.EffectiveWindow,
        };
        var end = now + within;

        // Done before the pessimistic end of life, with the downtime still to go.
        if (priority >= MaintenancePriority.Medium && (input.RulInterval?.Low ?? input.RulHours) is { } low && double.IsFinite(low))
        {
            var downtime = Cost()?.Downtime ?? TimeSpan.Zero;
            var latest = now + TimeSpan.FromHours(Math.Max(0, low)) - downtime;
            if (latest < end)
            {
                end = latest < now ? now : latest;
            }
        }

        return (now, end);
    }

    private MaintenanceCost? Cost() => _config.Types.GetValueOrDefault(_type);

    private MaintenanceRecommendation Fill(MaintenanceRecommendation r, MaintenanceInput input, IReadOnlyList<MaintenanceEvidence> evidence, double confidence)
    {
        var cost = Cost();
        r = r with
        {
            Downtime = cost?.Downtime,
            Cost = cost?.Cost,
            Currency = cost?.Currency,
            Confidence = confidence,
            Probability = input.Probability is { } p ? Math.Round(p, 4) : r.Probability,
            HorizonHours = input.Horizon?.TotalHours ?? r.HorizonHours,
            RulHours = input.RulHours is { } h ? Math.Round(h, 4) : r.RulHours,
            Evidence = evidence,
        };
        return r with { Summary = Summary(r) };
    }

    private string Summary(MaintenanceRecommendation r)
    {
        var within = r.WindowEnd - r.WindowStart;
        var what = r.Priority == MaintenancePriority.Low ? $"inspect {_asset} at the next planned stop (within {Hours(within)})" : $"schedule maintenance on {_asset} within {Hours(within)}";
        var downtime = r.Downtime is { } d ? $", expected downtime {Hours(d)}" : string.Empty;
        var cost = r.Cost is { } c ? $", cost {c.ToString("0.##", CultureInfo.InvariantCulture)}{(r.Currency is { } cur ? " " + cur : string.Empty)}" : string.Empty;
        var why = r.Evidence.Count == 0 ? string.Empty : ", because " + string.Join(", ", r.Evidence.Take(4).Select(e => e.Text));
        return $"{Name(r.Priority)}: {what}{downtime}{cost}{why}";
    }

    private List<MaintenanceEvidence> Evidence(MaintenanceInput input)
    {
        var list = new List<MaintenanceEvidence>();
        if (input.RulHours is { } rul && (_rulUnder || _critical))
        {
            var interval = input.RulInterval is { } i ? $" (90 % interval {Hours(i.Low)} to {Hours(i.High)})" : string.Empty;
            var level = _critical ? _config.Critical : _config.Rul;
            list.Add(new("rul", null, Math.Round(rul, 4), level.TotalHours, $"remaining useful life {Hours(rul)}{interval}, below {Hours(level)}"));
        }

        if (input.Probability is { } p && _probabilityOver)
        {
            var horizon = input.Horizon is { } h ? $" within {Hours(h)}" : string.Empty;
            list.Add(new("failureProbability", null, Math.Round(p, 4), _config.Probability, $"failure probability {p.ToString("0.00", CultureInfo.InvariantCulture)}{horizon} (level {_config.Probability.ToString("0.##", CultureInfo.InvariantCulture)})"));
        }

        foreach (var trend in input.Trends
                     .Where(t => t.Strength >= TrendStrength && Math.Abs(t.Change) >= TrendChange)
                     .OrderByDescending(t => Math.Abs(t.Change) * t.Strength)
                     .Take(MaxTrends))
        {
            var direction = trend.SlopePerHour >= 0 ? "rising" : "falling";
            var slope = Math.Abs(trend.SlopePerHour).ToString("0.###", CultureInfo.InvariantCulture);
            var change = (trend.Change * 100).ToString("+0;-0", CultureInfo.InvariantCulture);
            list.Add(new("trend", trend.Property, Math.Round(trend.SlopePerHour, 6), null,
                $"{trend.Property} {direction} {slope}{(trend.Unit is { } u ? " " + u : string.Empty)} per h ({change} % over {Hours(trend.Over)})"));
        }

        if (input.Anomalous)
        {
            foreach (var (property, share) in input.Contributions.Take(3))
            {
                list.Add(new("anomaly", property, Math.Round(share, 3), null, $"{property} {(share * 100).ToString("0", CultureInfo.InvariantCulture)} % of the anomaly"));
            }
        }

        return list;
    }

    /// <summary>
    /// How sure the crossing is: for the RUL level, the chance that the true RUL is below it (normal, with the 90 %
    /// interval as ±1.645 σ); for the probability level, the probability itself; for an anomaly alone,
    /// score / (score + threshold). The largest applies, times the twin's confidence in its data.
    /// </summary>
    private double Confidence(MaintenanceInput input)
    {
        double c = 0;
        if (input.RulHours is { } rul && (_rulUnder || _critical))
        {
            var level = (_critical ? _config.Critical : _config.Rul).TotalHours;
            var sigma = input.RulInterval is { } i ? (i.High - i.Low) / (2 * 1.645) : 0;
            c = Math.Max(c, sigma > 1e-12 ? MathNet.Numerics.Distributions.Normal.CDF(rul, sigma, level) : rul < level ? 1 : 0);
        }

        if (input.Probability is { } p && _probabilityOver)
        {
            c = Math.Max(c, p);
        }

        if (c == 0 && input.Anomalous && input.AnomalyScore is { } a && a.Score + a.Threshold > 0)
        {
            c = a.Score / (a.Score + a.Threshold);
        }

        return Math.Round(Math.Clamp(c * Math.Clamp(input.TwinConfidence, 0, 1), 0, 1), 3);
    }

    private static TwinEvent Event(string type, DateTime now, MaintenanceRecommendation r, params (string Key, object? Value)[] extra)
    {
        var fields = new Dictionary<string, object?>
        {
            ["recommendation"] = r.Id,
            ["priority"] = Name(r.Priority),
            ["state"] = Name(r.State),
            ["windowEnd"] = r.WindowEnd,
            ["summary"] = r.Summary,
        };
        foreach (var (key, value) in extra)
        {
            if (value is not null)
            {
                fields[key] = value;
            }
        }

        return new TwinEvent(type, r.Asset, now, fields);
    }

    /// <summary>"2 h", "45 min", "30 s" or "3.5 d".</summary>
    internal static string Hours(TimeSpan t) => Hours(t.TotalHours);

    private static string Hours(double hours)
    {
        var inv = CultureInfo.InvariantCulture;
        return hours switch
        {
            >= 72 => (hours / 24).ToString("0.#", inv) + " d",
            >= 1 => hours.ToString("0.#", inv) + " h",
            >= 1.0 / 60 => (hours * 60).ToString("0.#", inv) + " min",
            _ => (hours * 3600).ToString("0.#", inv) + " s",
        };
    }
}
