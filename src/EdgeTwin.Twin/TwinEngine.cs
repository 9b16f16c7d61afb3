using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.Alarms;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.Expressions;
using EdgeTwin.Twin.Maintenance;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin;

/// <summary>
/// Keeps the live image of every point and the state of every asset: properties, derived properties, freshness,
/// alarms and health. Single-threaded: the pipeline applies batches and ticks it from one loop; other threads read
/// only <see cref="AssetState.Latest"/> snapshots, and commands that change state (acknowledge) are queued.
/// </summary>
public sealed class TwinEngine
{
    /// <summary>A value older than this many poll intervals is stale (unless a poll may still be answering: see <see cref="FreshnessLimit"/>).</summary>
    public const int StaleAfterPolls = 3;

    /// <summary>
    /// How long a value of <paramref name="point"/> stays fresh: <see cref="StaleAfterPolls"/> poll intervals, and at
    /// least one poll interval plus a whole request with its retries (a slow answer within the device's configured
    /// timeout is not a stale value; a fast poll against a slow device would otherwise flap between good and stale).
    /// </summary>
    public static TimeSpan FreshnessLimit(PointInfo point, DeviceConfig device)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(device);
        var poll = point.Config.Poll ?? device.Poll;
        var request = poll + device.Timeout * (Math.Max(0, device.Retries) + 1);
        var polls = poll * StaleAfterPolls;
        return polls > request ? polls : request;
    }

    /// <summary>Points of history kept per property by default (16 bytes each).</summary>
    public const int DefaultHistoryCapacity = 3600;

    /// <summary>Time the history of every property covers by default, whatever its sample rate.</summary>
    public static readonly TimeSpan DefaultHistorySpan = TimeSpan.FromHours(1);

    private readonly PointState[] _points;
    private readonly AssetState[][] _assetsByPoint;
    private readonly PropertyState[][] _propertiesByPoint;
    private readonly List<AssetState> _touched = new();
    private readonly List<TwinEvent> _events = new();
    private readonly Dictionary<string, AlarmState> _alarmsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Intelligence.AnomalyRunner> _anomaly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WhatIf.DynamicsRunner> _dynamics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Intelligence.FailureRunner> _failure = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MaintenanceAdvisor> _advisors = new(StringComparer.Ordinal);
    private DateTime _lastAdvice;

    /// <summary>How often the maintenance advisors evaluate their assets.</summary>
    public static readonly TimeSpan AdviceInterval = TimeSpan.FromSeconds(1);

    /// <summary>Time of history a property trend is fitted over (evidence of a maintenance recommendation).</summary>
    public static readonly TimeSpan TrendSpan = TimeSpan.FromHours(1);

    /// <summary>
    /// Builds the twin of <paramref name="assets"/> over the points of <paramref name="table"/>; each property keeps
    /// <paramref name="historyCapacity"/> points of history covering at least <paramref name="historySpan"/>
    /// (default <see cref="DefaultHistorySpan"/>; <see cref="TimeSpan.Zero"/> keeps the last points however old).
    /// </summary>
    /// <exception cref="ArgumentException">An asset names an unknown point or has a bad formula (the loader checks both first).</exception>
    public TwinEngine(PointTable table, IReadOnlyList<AssetConfig> assets, int historyCapacity = DefaultHistoryCapacity, string? modelDirectory = null, TimeSpan? historySpan = null, MaintenanceConfig? maintenance = null)
    {
        Maintenance = maintenance ?? new MaintenanceConfig();
        var span = historySpan ?? DefaultHistorySpan;
        Table = table;
        _points = new PointState[table.Points.Count];
        var assetsByPoint = new List<AssetState>?[table.Points.Count];
        var propsByPoint = new List<PropertyState>?[table.Points.Count];
        var states = new List<AssetState>(assets.Count);
        foreach (var asset in assets)
        {
            var properties = new List<PropertyState>();
            foreach (var (name, key) in asset.Properties)
            {
                if (!table.TryGet(key, out var point))
                {
                    throw new ArgumentException($"asset '{asset.Id}': property '{name}' names unknown point '{key}'", nameof(assets));
                }

                var single = point.Config.Type == PointType.Float32 && point.Config.Scale == 1 && point.Config.Offset == 0;
                var property = new PropertyState(name, point.Index, point.Config.Unit, FreshnessLimit(point, table.Devices[point.Device]), historyCapacity, span)
                {
                    Type = point.Config.Type is PointType.Float32 && !single ? PointType.Float64 : point.Config.Type,
                };
                properties.Add(property);
                (propsByPoint[point.Index] ??= new()).Add(property);
            }

            foreach (var derived in asset.Derived)
            {
                properties.Add(CreateDerived(asset, derived, properties, historyCapacity, span));
            }

            var state = new AssetState(asset, properties) { Alarms = asset.Alarms.Select(a => new AlarmState(asset.Id, a)).ToList() };
            if (asset.Dynamics is { } dynamics)
            {
                _dynamics[asset.Id] = new WhatIf.DynamicsRunner(state, dynamics);
            }

            if (asset.Anomaly is { } anomaly)
            {
                _anomaly[asset.Id] = new Intelligence.AnomalyRunner(state, anomaly, modelDirectory, Timed);
            }

            if (asset.Failure is { } failure)
            {
                _failure[asset.Id] = new Intelligence.FailureRunner(state, failure, Timed);
            }

            if (asset.Failure is not null || asset.Anomaly is not null)
            {
                _advisors[asset.Id] = new MaintenanceAdvisor(asset.Id, asset.Type, Maintenance);
            }

            foreach (var alarm in state.Alarms)
            {
                _alarmsByKey[alarm.Key] = alarm;
            }

            states.Add(state);
            foreach (var property in properties.Where(p => !p.IsDerived))
            {
                var list = assetsByPoint[property.Point] ??= new();
                if (!list.Contains(state))
                {
                    list.Add(state);
                }
            }
        }

        _propertiesByPoint = propsByPoint.Select(l => l?.ToArray() ?? []).ToArray();
        _assetsByPoint = assetsByPoint.Select(l => l?.ToArray() ?? []).ToArray();
        Assets = states;
    }

    /// <summary>Maintenance levels, costs and site constraints.</summary>
    public MaintenanceConfig Maintenance { get; }

    /// <summary>The point table the twin reads.</summary>
    public PointTable Table { get; }

    /// <summary>All assets in configuration order.</summary>
    public IReadOnlyList<AssetState> Assets { get; }

    /// <summary>The latest state of every point, by point index.</summary>
    public ReadOnlySpan<PointState> Points => _points;

    /// <summary>Finds an asset by id.</summary>
    public AssetState? Find(string id) => Assets.FirstOrDefault(a => a.Id == id);

    /// <summary>Finds an alarm by "asset/alarm".</summary>
    public AlarmState? FindAlarm(string key) => _alarmsByKey.GetValueOrDefault(key);

    /// <summary>Applies a batch of samples to points and assets; derived properties and alarms follow.</summary>
    public void Apply(SampleBatch batch)
    {
        _touched.Clear();
        foreach (ref readonly var sample in batch.Samples)
        {
            ref var point = ref _points[sample.Point];
            point.Value = sample.Value;
            point.Timestamp = sample.Timestamp;
            point.Quality = sample.Quality;
            point.Text = sample.Text;
            point.Seen = true;

            var properties = _propertiesByPoint[sample.Point];
            if (properties.Length == 0)
            {
                continue;
            }

            foreach (var property in properties)
            {
                Set(property, sample.Value, sample.Text, sample.Timestamp, sample.Quality);
            }

            foreach (var asset in _assetsByPoint[sample.Point])
            {
                if (!_touched.Contains(asset))
                {
                    _touched.Add(asset);
                }
            }
        }

        foreach (var asset in _touched)
        {
            Recompute(asset, batch.CycleTime);
            if (_dynamics.TryGetValue(asset.Id, out var dynamics))
            {
                dynamics.Observe(batch.CycleTime);
            }

            if (_anomaly.TryGetValue(asset.Id, out var runner))
            {
                runner.Observe(batch.CycleTime, _events);
                asset.Models = runner.Outputs(asset.Models);
                asset.Dirty = true;
            }

            if (_failure.TryGetValue(asset.Id, out var failure))
            {
                failure.Observe(batch.CycleTime, _events);
                var outputs = failure.Outputs(asset.Models);
                if (outputs != asset.Models)
                {
                    asset.Models = outputs;
                    asset.Dirty = true;
                }

                // Health includes the failure probability just computed.
                UpdateHealth(asset);
            }
        }
    }

    /// <summary>Called after each model inference with (asset, model kind, time taken): the host records it in its metrics.</summary>
    public Action<string, string, TimeSpan>? InferenceTimed { get; set; }

    /// <summary>Ages values: properties past their freshness limit turn stale; statuses, alarms' delays and health are re-evaluated.</summary>
    public void Tick(DateTime now)
    {
        foreach (var asset in Assets)
        {
            foreach (var property in asset.Properties)
            {
                if (property.Seen && property.Quality is Quality.Good or Quality.Uncertain && now - property.Timestamp > property.Freshness)
                {
                    property.Quality = Quality.Stale;
                    asset.Dirty = true;
                }
            }

            Recompute(asset, now);
        }

        if (_advisors.Count > 0 && now - _lastAdvice >= AdviceInterval)
        {
            _lastAdvice = now;
            foreach (var (id, advisor) in _advisors)
            {
                advisor.Evaluate(MaintenanceInputOf(Find(id)!, now), _events);
            }
        }
    }

    /// <summary>The maintenance advisor of an asset (assets with a failure or anomaly model), or null.</summary>
    public MaintenanceAdvisor? AdvisorOf(string asset) => _advisors.GetValueOrDefault(asset);

    /// <summary>Every maintenance advisor, in configuration order of their assets.</summary>
    public IEnumerable<MaintenanceAdvisor> Advisors => Assets.Where(a => _advisors.ContainsKey(a.Id)).Select(a => _advisors[a.Id]);

    /// <summary>A coordinated plan of the open recommendations under the site's maxDown (thread-safe: recommendations are immutable).</summary>
    public MaintenancePlan PlanMaintenance(DateTime now) =>
        MaintenancePlanner.Plan(_advisors.Values.Select(a => a.Current).OfType<MaintenanceRecommendation>(), Maintenance.MaxDown, now);

    /// <summary>What the advisor of <paramref name="asset"/> looks at now: model outputs and property trends.</summary>
    public MaintenanceInput MaintenanceInputOf(AssetState asset, DateTime now)
    {
        var models = asset.Models;
        var trends = new List<PropertyTrend>();
        foreach (var property in asset.Properties)
        {
            if (property.Type is Core.Points.PointType.Bool or Core.Points.PointType.String || property.History.Count < 10)
            {
                continue;
            }

            if (PropertyTrend.Of(property.Name, property.Unit, property.History.ToArray(), now - TrendSpan) is { } trend)
            {
                trends.Add(trend);
            }
        }

        return new MaintenanceInput(
            now,
            models?.FailureState == "ready" ? models.FailureProbability : null,
            models?.FailureHorizon,
            models?.FailureState == "ready" ? models.RulHours : null,
            models?.RulInterval,
            models?.Anomalous ?? false,
            models?.AnomalyScore is { } score && models.AnomalyThreshold is { } threshold ? (score, threshold) : null,
            models?.Contributions ?? [],
            trends,
            asset.Confidence);
    }

    /// <summary>Acknowledges an alarm ("asset/alarm"); false when unknown or not active.</summary>
    public bool Acknowledge(string alarmKey, DateTime now, string? by)
    {
        if (!_alarmsByKey.TryGetValue(alarmKey, out var alarm) || !AlarmEvaluator.Acknowledge(alarm, now, by, _events))
        {
            return false;
        }

        var asset = Find(alarm.Asset)!;
        asset.Dirty = true;
        UpdateHealth(asset);
        return true;
    }

    /// <summary>Acknowledges the maintenance recommendation of <paramref name="asset"/>; false when it has none open.</summary>
    public bool AcknowledgeMaintenance(string asset, DateTime now, string by) =>
        _advisors.TryGetValue(asset, out var advisor) && advisor.Acknowledge(now, by, _events);

    /// <summary>Closes the maintenance recommendation of <paramref name="asset"/>; false when it has none.</summary>
    public bool CloseMaintenance(string asset, DateTime now, string by, string? note) =>
        _advisors.TryGetValue(asset, out var advisor) && advisor.Close(now, by, note, _events);

    /// <summary>The failure (RUL) runner of an asset, or null.</summary>
    public Intelligence.FailureRunner? FailureOf(string asset) => _failure.GetValueOrDefault(asset);

    /// <summary>The anomaly runner of an asset, or null.</summary>
    public Intelligence.AnomalyRunner? AnomalyOf(string asset) => _anomaly.GetValueOrDefault(asset);

    /// <summary>
    /// Answers a what-if question for <paramref name="asset"/> from its identified dynamics. Thread-safe: it uses the
    /// latest frozen model, never the live state.
    /// </summary>
    /// <exception cref="WhatIf.WhatIfException">Unknown asset, no dynamics configured or identified yet, bad override.</exception>
    public WhatIf.WhatIfResult Simulate(string asset, WhatIf.WhatIfRequest request)
    {
        if (!_dynamics.TryGetValue(asset, out var runner))
        {
            throw new WhatIf.WhatIfException(Find(asset) is null
                ? $"unknown asset '{asset}'"
                : $"asset '{asset}' has no dynamics configured (assets[].dynamics: inputs, outputs, step)");
        }

        return runner.Simulate(request);
    }

    /// <summary>The dynamics runner of an asset, or null.</summary>
    public WhatIf.DynamicsRunner? DynamicsOf(string asset) => _dynamics.GetValueOrDefault(asset);

    /// <summary>
    /// Makes <paramref name="asset"/>'s anomaly model learn its normal again from the next data; its published outputs
    /// show "learning" at once (not only after the next batch). False when the asset has no anomaly model. Pipeline thread.
    /// </summary>
    public bool Relearn(string asset, DateTime now)
    {
        if (!_anomaly.TryGetValue(asset, out var runner) || Find(asset) is not { } state)
        {
            return false;
        }

        runner.Relearn(now, _events);
        state.Models = runner.Outputs(state.Models);
        state.Dirty = true;
        return true;
    }

    /// <summary>Queues an event from outside the engine (model runner, commands) for publication.</summary>
    public void Raise(TwinEvent twinEvent) => _events.Add(twinEvent);

    /// <summary>Moves the events raised since the last call into <paramref name="output"/>.</summary>
    public int DrainEvents(List<TwinEvent> output)
    {
        var n = _events.Count;
        output.AddRange(_events);
        _events.Clear();
        return n;
    }

    /// <summary>
    /// Adds to <paramref name="output"/> a fresh snapshot of every changed asset whose last publication is at least
    /// <paramref name="minInterval"/> ago. Returns how many were added.
    /// </summary>
    public int CollectDue(DateTime now, TimeSpan minInterval, List<AssetSnapshot> output)
    {
        var added = 0;
        foreach (var asset in Assets)
        {
            if (!asset.Dirty || now - asset.LastPublished < minInterval)
            {
                continue;
            }

            var snapshot = Snapshot(asset, now);
            asset.Dirty = false;
            asset.LastPublished = now;
            output.Add(snapshot);
            added++;
        }

        return added;
    }

    /// <summary>Takes an immutable snapshot of <paramref name="asset"/> and keeps it as <see cref="AssetState.Latest"/>.</summary>
    public AssetSnapshot Snapshot(AssetState asset, DateTime now)
    {
        var properties = new PropertySnapshot[asset.Properties.Count];
        for (var i = 0; i < properties.Length; i++)
        {
            var p = asset.Properties[i];
            properties[i] = new PropertySnapshot(p.Name, p.Value, p.Text, p.Unit, p.Timestamp, p.Quality, p.Type);
        }

        var alarms = asset.Alarms.Where(a => a.Active)
            .Select(a => new AlarmSnapshot(a.Config.Id, a.Config.Property, a.Config.Severity, a.Value, a.Limit, a.RaisedAt, a.Acknowledged, a.Condition))
            .ToList();
        var snapshot = new AssetSnapshot(asset.Id, asset.Config.Type, now, asset.Status, asset.Confidence, properties)
        {
            Health = asset.Health,
            Alarms = alarms,
            Models = asset.Models,
            Capacity = asset.Config.Capacity is { } capacity ? CapacityOf(capacity, properties) : null,
        };
        asset.Latest = snapshot;
        return snapshot;
    }

    private static CapacitySnapshot CapacityOf(CapacityConfig capacity, PropertySnapshot[] properties)
    {
        foreach (var p in properties)
        {
            if (p.Name == capacity.Property)
            {
                return new CapacitySnapshot(capacity.Property, capacity.Limit, p.Quality == Quality.Bad ? double.NaN : p.Value, p.Unit);
            }
        }

        return new CapacitySnapshot(capacity.Property, capacity.Limit, double.NaN, null);
    }

    private void Timed(string asset, string model, TimeSpan elapsed) => InferenceTimed?.Invoke(asset, model, elapsed);

    private static PropertyState CreateDerived(AssetConfig asset, DerivedConfig derived, List<PropertyState> defined, int historyCapacity, TimeSpan historySpan)
    {
        var known = defined.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Formula formula;
        try
        {
            formula = Formula.Compile(derived.Formula, known);
        }
        catch (FormulaException ex)
        {
            throw new ArgumentException($"asset '{asset.Id}': derived '{derived.Name}': {ex.Message}", nameof(asset), ex);
        }

        var inputs = formula.Variables.Select(v => defined.First(p => p.Name == v)).ToArray();
        var freshness = inputs.Length == 0 ? TimeSpan.MaxValue : inputs.Max(p => p.Freshness);
        return new PropertyState(derived.Name, -1, derived.Unit, freshness, historyCapacity, historySpan) { Formula = formula, Inputs = inputs };
    }

    private static void Set(PropertyState property, double value, string? text, DateTime timestamp, Quality quality)
    {
        property.Changed = property.Quality != quality || !property.Seen
            || !property.Value.Equals(value) || !string.Equals(property.Text, text, StringComparison.Ordinal);
        property.Value = value;
        property.Text = text;
        property.Timestamp = timestamp;
        property.Quality = quality;
        property.Seen = true;
        if (quality is Quality.Good or Quality.Uncertain)
        {
            property.History.Add(timestamp, value);
        }
    }

    private void Recompute(AssetState asset, DateTime now)
    {
        foreach (var property in asset.Properties)
        {
            if (property.IsDerived)
            {
                ComputeDerived(property);
            }

            if (property.Changed)
            {
                asset.Dirty = true;
                property.Changed = false;
            }
        }

        foreach (var alarm in asset.Alarms)
        {
            if (asset.TryGetProperty(alarm.Config.Property, out var watched) && watched.Seen && watched.Quality != Quality.Bad)
            {
                var wasActive = alarm.Active;
                AlarmEvaluator.Evaluate(alarm, watched.Value, now, _events);
                if (wasActive != alarm.Active)
                {
                    asset.Dirty = true;
                }
            }
        }

        UpdateStatus(asset, now);
        UpdateHealth(asset);
    }

    private static void ComputeDerived(PropertyState property)
    {
        var inputs = property.Inputs;
        var values = property.Scratch ??= new double[inputs.Length];
        var quality = Quality.Good;
        var seen = inputs.Length > 0;
        var timestamp = DateTime.MinValue;
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            values[i] = input.Value;
            seen &= input.Seen;
            quality = Worst(quality, input.Quality);
            if (input.Timestamp > timestamp)
            {
                timestamp = input.Timestamp;
            }
        }

        if (!seen)
        {
            return;
        }

        var value = quality == Quality.Bad ? double.NaN : property.Formula!.Evaluate(values);
        if (!double.IsFinite(value) && quality != Quality.Bad)
        {
            quality = Quality.Bad;
            Set(property, double.NaN, "formula result is not a finite number", timestamp, quality);
            return;
        }

        Set(property, value, quality == Quality.Bad ? "an input is bad" : null, timestamp, quality);
    }

    private static Quality Worst(Quality a, Quality b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(Quality q) => q switch
    {
        Quality.Good => 0,
        Quality.Uncertain => 1,
        Quality.Stale => 2,
        _ => 3,
    };

    private static void UpdateStatus(AssetState asset, DateTime now)
    {
        var status = TwinStatus.Synchronized;
        double confidence = 0;
        foreach (var property in asset.Properties)
        {
            var own = !property.Seen ? TwinStatus.Initializing : property.Quality switch
            {
                Quality.Bad => TwinStatus.Error,
                Quality.Stale => TwinStatus.Stale,
                _ => TwinStatus.Synchronized,
            };
            if (StatusRank(own) > StatusRank(status))
            {
                status = own;
            }

            confidence += property.Quality switch
            {
                _ when !property.Seen => 0.0,
                Quality.Good => 1.0,
                Quality.Uncertain => 0.5,
                Quality.Stale => FreshnessLeft(now, property),
                _ => 0.0,
            };
        }

        confidence = asset.Properties.Count == 0 ? 0 : Math.Round(confidence / asset.Properties.Count, 3);
        if (asset.Status != status)
        {
            asset.Status = status;
            asset.Dirty = true;
        }

        asset.Confidence = confidence;
    }

    private static int StatusRank(TwinStatus s) => s switch
    {
        TwinStatus.Synchronized => 0,
        TwinStatus.Stale => 1,
        TwinStatus.Initializing => 2,
        _ => 3,
    };

    private static double FreshnessLeft(DateTime now, PropertyState property)
    {
        // Confidence decays from 1 to 0 over a further freshness period after the value turned stale.
        var age = (now - property.Timestamp).TotalMilliseconds;
        var limit = property.Freshness.TotalMilliseconds;
        return Math.Clamp(2.0 - age / limit, 0, 1);
    }

    private static void UpdateHealth(AssetState asset)
    {
        // 100 = healthy. Active alarms, anomaly and failure risk each take their share; the result is rounded so
        // that noise does not make the twin "change" every cycle.
        double penalty = 0;
        foreach (var alarm in asset.Alarms.Where(a => a.Active))
        {
            penalty += alarm.Config.Severity switch
            {
                "critical" => 50,
                "warning" => 20,
                _ => 5,
            };
        }

        if (asset.Models is { } m)
        {
            if (m.Anomalous)
            {
                penalty += 20;
            }

            if (m.FailureProbability is { } p)
            {
                penalty += 50 * p;
            }
        }

        var health = Math.Round(Math.Clamp(100 - penalty, 0, 100));
        if (health != asset.Health)
        {
            asset.Health = health;
            asset.Dirty = true;
        }
    }
}
