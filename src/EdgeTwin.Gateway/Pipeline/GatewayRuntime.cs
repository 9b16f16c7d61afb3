using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Sources;
using EdgeTwin.Storage;
using EdgeTwin.Twin;
using EdgeTwin.Uplink;

namespace EdgeTwin.Gateway.Pipeline;

/// <summary>The running gateway's shared objects, built once from the validated configuration.</summary>
public sealed class GatewayRuntime
{
    private long _samplesCommitted;

    /// <summary>Builds the runtime.</summary>
    public GatewayRuntime(GatewayConfig config, Outbox outbox, IReadOnlyList<IDeviceSource> sources, TimeProvider time)
    {
        Config = config;
        Outbox = outbox;
        Sources = sources;
        Time = time;
        Table = new PointTable(config.Devices);
        var storageDirectory = Path.GetDirectoryName(Path.GetFullPath(config.Storage.Path)) ?? ".";
        ModelDirectory = Path.Combine(storageDirectory, "models");
        Twin = new TwinEngine(Table, config.Assets, modelDirectory: ModelDirectory, maintenance: config.Maintenance);
        Twin.InferenceTimed = Metrics.ModelMetrics.RecordInference;
        Topics = new TopicScheme(config.Mqtt?.TopicRoot ?? "edgetwin/v1", config.Gateway.Id);
        Started = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Validated configuration.</summary>
    public GatewayConfig Config { get; }

    /// <summary>Points and devices.</summary>
    public PointTable Table { get; }

    /// <summary>The twin (owned by the pipeline thread; others read snapshots).</summary>
    public TwinEngine Twin { get; }

    /// <summary>Where learned models are kept (beside the database, in models/).</summary>
    public string ModelDirectory { get; }

    /// <summary>The store-and-forward buffer.</summary>
    public Outbox Outbox { get; }

    /// <summary>Device loops, by device index.</summary>
    public IReadOnlyList<IDeviceSource> Sources { get; }

    /// <summary>Topic names.</summary>
    public TopicScheme Topics { get; }

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>When the gateway started.</summary>
    public DateTime Started { get; }

    /// <summary>The batches from the device loops.</summary>
    public SampleChannel Channel { get; } = new();

    /// <summary>Completes when every device has delivered its first cycle (or the start-up wait ran out).</summary>
    public TaskCompletionSource FirstCycle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Samples in telemetry messages durably committed to the outbox since the start (any thread).</summary>
    public long SamplesCommitted => Interlocked.Read(ref _samplesCommitted);

    /// <summary>Counts <paramref name="samples"/> more committed samples (the pipeline, after a commit).</summary>
    internal void CountCommitted(long samples) => Interlocked.Add(ref _samplesCommitted, samples);
}
