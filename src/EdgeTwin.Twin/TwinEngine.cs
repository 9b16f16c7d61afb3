using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin;

/// <summary>
/// Keeps the live image of every point and the state of every asset. Single-threaded: the pipeline applies batches
/// and ticks it from one loop; other threads read only <see cref="AssetState.Latest"/> snapshots.
/// </summary>
public sealed class TwinEngine
{
    /// <summary>A value older than this many poll intervals is stale.</summary>
    public const int StaleAfterPolls = 3;

    private readonly PointState[] _points;
    private readonly List<AssetState>[] _assetsByPoint;
    private readonly PropertyState?[][] _propertiesByPoint;

    /// <summary>Builds the twin of <paramref name="assets"/> over the points of <paramref name="table"/>.</summary>
    public TwinEngine(PointTable table, IReadOnlyList<AssetConfig> assets, int historyCapacity = 3600)
    {
        Table = table;
        _points = new PointState[table.Points.Count];
        _assetsByPoint = new List<AssetState>[table.Points.Count];
        var propsByPoint = new List<PropertyState>[table.Points.Count];
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

                var poll = point.Config.Poll ?? table.Devices[point.Device].Poll;
                var property = new PropertyState(name, point.Index, point.Config.Unit, poll * StaleAfterPolls, historyCapacity);
                properties.Add(property);
                (propsByPoint[point.Index] ??= new()).Add(property);
            }

            var state = new AssetState(asset, properties);
            states.Add(state);
            foreach (var property in properties)
            {
                var list = _assetsByPoint[property.Point] ??= new();
                if (!list.Contains(state))
                {
                    list.Add(state);
                }
            }
        }

        _propertiesByPoint = propsByPoint.Select(l => l?.ToArray() ?? []).ToArray();
        Assets = states;
    }

    /// <summary>The point table the twin reads.</summary>
    public PointTable Table { get; }

    /// <summary>All assets in configuration order.</summary>
    public IReadOnlyList<AssetState> Assets { get; }

    /// <summary>The latest state of every point, by point index.</summary>
    public ReadOnlySpan<PointState> Points => _points;

    /// <summary>Applies a batch of samples to points and assets.</summary>
    public void Apply(SampleBatch batch)
    {
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
                var changed = property.Quality != sample.Quality || !property.Seen
                    || !property.Value.Equals(sample.Value) || !string.Equals(property.Text, sample.Text, StringComparison.Ordinal);
                property.Value = sample.Value;
                property.Text = sample.Text;
                property.Timestamp = sample.Timestamp;
                property.Quality = sample.Quality;
                property.Seen = true;
                if (sample.Quality is Quality.Good or Quality.Uncertain)
                {
                    property.History.Add(sample.Timestamp, sample.Value);
                }

                if (changed)
                {
                    foreach (var asset in _assetsByPoint[sample.Point])
                    {
                        asset.Dirty = true;
                    }
                }
            }
        }
    }

    /// <summary>Ages values: properties past their freshness limit turn stale; statuses are recomputed.</summary>
    public void Tick(DateTime now)
    {
        foreach (var asset in Assets)
        {
            var status = TwinStatus.Synchronized;
            double confidence = 0;
            foreach (var property in asset.Properties)
            {
                if (property.Seen && property.Quality is Quality.Good or Quality.Uncertain && now - property.Timestamp > property.Freshness)
                {
                    property.Quality = Quality.Stale;
                    asset.Dirty = true;
                }

                status = Worse(status, property);
                confidence += property.Quality switch
                {
                    Quality.Good => 1.0,
                    Quality.Uncertain => 0.5,
                    Quality.Stale => Freshness(now, property),
                    _ => 0.0,
                };
            }

            confidence = asset.Properties.Count == 0 ? 0 : confidence / asset.Properties.Count;
            if (asset.Status != status)
            {
                asset.Status = status;
                asset.Dirty = true;
            }

            asset.Confidence = Math.Round(confidence, 3);
        }
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
            properties[i] = new PropertySnapshot(p.Name, p.Value, p.Text, p.Unit, p.Timestamp, p.Quality);
        }

        var snapshot = new AssetSnapshot(asset.Id, asset.Config.Type, now, asset.Status, asset.Confidence, properties);
        asset.Latest = snapshot;
        return snapshot;
    }

    private static TwinStatus Worse(TwinStatus status, PropertyState property)
    {
        var own = !property.Seen ? TwinStatus.Initializing : property.Quality switch
        {
            Quality.Bad => TwinStatus.Error,
            Quality.Stale => TwinStatus.Stale,
            _ => TwinStatus.Synchronized,
        };
        return Rank(own) > Rank(status) ? own : status;

        static int Rank(TwinStatus s) => s switch
        {
            TwinStatus.Synchronized => 0,
            TwinStatus.Stale => 1,
            TwinStatus.Initializing => 2,
            _ => 3,
        };
    }

    private static double Freshness(DateTime now, PropertyState property)
    {
        // Confidence decays from 1 to 0 over a further freshness period after the value turned stale.
        var age = (now - property.Timestamp).TotalMilliseconds;
        var limit = property.Freshness.TotalMilliseconds;
        return Math.Clamp(2.0 - age / limit, 0, 1);
    }
}
