using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin.Intelligence;

/// <summary>
/// The anomaly model of one asset: learns the asset's own normal on site (from its first data, or again on command),
/// writes the model as ONNX plus manifest, keeps it across restarts, and scores every new row through ONNX Runtime
/// with a debounced flag and the top contributing properties. A model supplied by the <c>model-update</c> command or
/// copied over the model file in service is validated (shapes against its manifest, inputs against the asset's
/// properties) before it replaces the one in service; a rejected model is an error in the outputs and an event,
/// and the old model stays. Runs on the pipeline thread; fitting, exporting and loading a dropped file run in the
/// background and are swapped in when ready.
/// </summary>
public sealed class AnomalyRunner : IDisposable
{
    private readonly AssetState _asset;
    private readonly AnomalyConfig _config;
    private readonly string? _modelDirectory;
    private readonly PropertyState[] _configured;
    private readonly List<double[]> _training = new();
    private readonly AnomalyDebouncer _debouncer = new();
    private readonly Action<string, string, TimeSpan>? _timed;
    private readonly ModelFileWatch<Candidate> _watch;
    private PropertyState[] _features;
    private double[] _row;
    private SampleWindow? _window;
    private float[] _input = [];
    private OnnxAnomalyScorer? _scorer;
    private Task<OnnxAnomalyScorer>? _fitting;
    private string? _startError;
    private DateTime? _learnStart;
    private DateTime _lastRow;
    private int _progressDecile;

    /// <summary>Creates the runner; loads a supplied model or a previously learned one when present (an unusable one leaves the runner failed, see <see cref="LastError"/>).</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="config">Its anomaly settings.</param>
    /// <param name="modelDirectory">Where learned models are kept, or null not to keep them.</param>
    /// <param name="timed">Called with (asset, "anomaly", time) after each scoring, for metrics.</param>
    public AnomalyRunner(AssetState asset, AnomalyConfig config, string? modelDirectory, Action<string, string, TimeSpan>? timed = null)
    {
        _asset = asset;
        _timed = timed;
        _config = config;
        _modelDirectory = modelDirectory;
        _configured = config.Features.Select(f => asset.TryGetProperty(f, out var p) ? p : throw new ArgumentException($"asset '{asset.Id}': anomaly feature '{f}' is not a property")).ToArray();
        _features = _configured;
        _row = new double[_features.Length];
        _watch = new ModelFileWatch<Candidate>(Load);
        var existing = config.Model ?? LearnedModelPath;
        _watch.Follow(existing);
        if (existing is not null && File.Exists(existing))
        {
            try
            {
                Use(Load(existing));
                Source = config.Model is null ? "learned (loaded)" : "supplied";
            }
            catch (Exception ex) when (ModelFileWatch<Candidate>.IsModelError(ex))
            {
                State = "failed";
                LastError = ex.Message;
                _startError = ex.Message;
            }
        }
    }

    /// <summary>learning, ready, fitting or failed.</summary>
    public string State { get; private set; } = "learning";

    /// <summary>Where the current model came from.</summary>
    public string? Source { get; private set; }

    /// <summary>The model file in service, or null (none, or not kept).</summary>
    public string? ModelPath { get; private set; }

    /// <summary>The last error (fit or load, or why the last replacement was rejected), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Learning progress 0..1.</summary>
    public double Progress => _config.LearnDuration is { } d && _learnStart is { } s
        ? Math.Clamp((_lastRow - s) / d, 0, 1)
        : Math.Clamp(_training.Count / (double)Math.Max(1, _config.LearnSamples), 0, 1);

    /// <summary>The current scorer, if any.</summary>
    public OnnxAnomalyScorer? Scorer => _scorer;

    /// <summary>The file a learned model is kept in, or null when models are not kept.</summary>
    public string? LearnedModelPath => _modelDirectory is null ? null : Path.Combine(_modelDirectory, _asset.Id + ".anomaly.onnx");

    /// <summary>Forgets the model and learns again from the next data.</summary>
    public void Relearn(DateTime now, List<TwinEvent> events)
    {
        _training.Clear();
        _learnStart = null;
        _progressDecile = 0;
        _window?.Clear();
        _debouncer.Reset();
        _features = _configured;
        _row = new double[_features.Length];
        State = "learning";
        events.Add(new TwinEvent("learningStarted", _asset.Id, now, new Dictionary<string, object?> { ["features"] = _config.Features }));
    }

    /// <summary>
    /// Replaces the model with <paramref name="onnxPath"/> (its manifest beside it), validated first against its
    /// declared shapes and the asset's properties; on any error the model in service stays, the error shows in the
    /// outputs and a <c>modelRejected</c> event, and is thrown. The file is watched for replacements from then on.
    /// </summary>
    /// <exception cref="Models.Errors.ModelException">The file or its manifest is unusable (also IO errors).</exception>
    public void Replace(string onnxPath, DateTime now, List<TwinEvent> events)
    {
        Candidate next;
        try
        {
            next = Load(onnxPath);
        }
        catch (Exception ex) when (ModelFileWatch<Candidate>.IsModelError(ex))
        {
            Reject(onnxPath, ex, now, events);
            throw;
        }

        Use(next);
        Source = onnxPath;
        _watch.Follow(onnxPath);
        events.Add(new TwinEvent("modelLoaded", _asset.Id, now, new Dictionary<string, object?> { ["model"] = onnxPath, ["kind"] = "anomaly" }));
    }

    /// <summary>Takes a new row of the features (when all are good) and learns or scores it.</summary>
    public void Observe(DateTime now, List<TwinEvent> events)
    {
        if (_startError is { } startError)
        {
            // Reported with the first data, so that it goes out on the events topic with the twin's time.
            _startError = null;
            events.Add(new TwinEvent("modelFailed", _asset.Id, now, new Dictionary<string, object?> { ["model"] = _config.Model ?? LearnedModelPath, ["kind"] = "anomaly", ["error"] = startError }));
        }

        CompleteFitting(now, events);
        if (_fitting is null)
        {
            // While a learned model is being written, its own file is not a replacement.
            PickUpDroppedFile(now, events);
        }

        for (var i = 0; i < _features.Length; i++)
        {
            var p = _features[i];
            if (!p.Seen || p.Quality != Quality.Good || !double.IsFinite(p.Value))
            {
                return;
            }

            _row[i] = p.Value;
        }

        _lastRow = now;
        if (State == "learning")
        {
            Learn(now, events);
        }
        else if (State == "ready" && _scorer is not null)
        {
            Score(now, events);
        }
    }

    /// <summary>The outputs to publish.</summary>
    public ModelOutputs Outputs(ModelOutputs? previous) => (previous ?? new ModelOutputs()) with
    {
        AnomalyState = State,
        LearningProgress = State == "learning" ? Math.Round(Progress, 3) : null,
        AnomalyScore = LastResult?.Score,
        AnomalyThreshold = _scorer?.Threshold,
        Anomalous = _debouncer.IsActive,
        Contributions = LastContributors,
        AnomalyError = LastError,
        AnomalyModel = ModelPath,
    };

    /// <summary>The last score.</summary>
    public AnomalyResult? LastResult { get; private set; }

    /// <summary>The top contributors of the last score.</summary>
    public IReadOnlyList<(string Property, double Share)> LastContributors { get; private set; } = [];

    /// <inheritdoc />
    public void Dispose()
    {
        _scorer?.Dispose();
        _fitting?.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
        _watch.Dispose();
    }

    private void Learn(DateTime now, List<TwinEvent> events)
    {
        _learnStart ??= now;
        _training.Add((double[])_row.Clone());
        var done = _config.LearnDuration is { } d ? now - _learnStart.Value >= d : _training.Count >= _config.LearnSamples;
        var decile = (int)Math.Floor(Progress * 10);
        if (decile > _progressDecile)
        {
            _progressDecile = decile;
            events.Add(new TwinEvent("learningProgress", _asset.Id, now, new Dictionary<string, object?> { ["progress"] = Math.Round(Progress, 3), ["rows"] = _training.Count }));
        }

        if (!done || _fitting is not null)
        {
            return;
        }

        State = "fitting";
        var rows = _training.ToList();
        var properties = _config.Features;
        var start = _learnStart.Value;
        var path = LearnedModelPath;
        var name = _asset.Id + "-anomaly";
        _fitting = Task.Run(() =>
        {
            var model = PcaAnomalyTrainer.Fit(properties, rows, Options(properties, rows), start, now);
            var export = PcaAnomalyExporter.Export(model, name);
            if (path is not null)
            {
                export.Save(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
            }

            return OnnxAnomalyScorer.Create(export, path ?? name);
        });
    }

    /// <summary>
    /// The library's automatic features (tuned on SKAB) represent slow properties by their slope only; on an asset a
    /// slow drift of level (bearing temperature, vibration creeping up) is exactly what must be caught, so every
    /// property also gets its mean.
    /// </summary>
    public static AnomalyModelOptions Options(IReadOnlyList<string> properties, IReadOnlyList<double[]> rows)
    {
        var defaults = new AnomalyModelOptions();
        var features = defaults.AutoFeatures(properties, rows).ToList();
        foreach (var property in properties)
        {
            if (!features.Any(f => f.Property == property && f.Kind == WindowFeatureKind.Mean))
            {
                features.Add(new WindowFeature(property, WindowFeatureKind.Mean, defaults.LevelWindow));
            }
        }

        return defaults with { Features = features };
    }

    private void CompleteFitting(DateTime now, List<TwinEvent> events)
    {
        if (_fitting is not { IsCompleted: true } fitting)
        {
            return;
        }

        _fitting = null;
        if (fitting.IsCompletedSuccessfully)
        {
            Use(new Candidate(fitting.Result, _configured, LearnedModelPath));
            Source = "learned";
            _watch.Follow(LearnedModelPath);
            events.Add(new TwinEvent("learningComplete", _asset.Id, now, new Dictionary<string, object?>
            {
                ["rows"] = _training.Count,
                ["threshold"] = _scorer!.Threshold,
                ["model"] = LearnedModelPath,
            }));
            _training.Clear();
        }
        else
        {
            LastError = fitting.Exception?.GetBaseException().Message ?? "cancelled";
            State = "failed";
            events.Add(new TwinEvent("learningFailed", _asset.Id, now, new Dictionary<string, object?> { ["error"] = LastError }));
        }
    }

    private void PickUpDroppedFile(DateTime now, List<TwinEvent> events)
    {
        var (loaded, rejected, error) = _watch.Poll(now);
        if (loaded is not null)
        {
            _training.Clear();
            Use(loaded);
            Source = loaded.Path;
            events.Add(new TwinEvent("modelLoaded", _asset.Id, now, new Dictionary<string, object?> { ["model"] = loaded.Path, ["kind"] = "anomaly", ["trigger"] = "file" }));
        }
        else if (rejected is not null)
        {
            Reject(rejected, error!, now, events);
        }
    }

    private void Reject(string path, Exception ex, DateTime now, List<TwinEvent> events)
    {
        var kept = _scorer is null ? "no model is in service" : $"the model {ModelPath ?? "learned in memory"} stays in service";
        LastError = $"{ex.Message} ({kept})";
        events.Add(new TwinEvent("modelRejected", _asset.Id, now, new Dictionary<string, object?> { ["model"] = path, ["kind"] = "anomaly", ["error"] = LastError }));
    }

    /// <summary>Loads and validates a model file: shapes against its manifest (by the scorer), inputs against the asset's properties.</summary>
    private Candidate Load(string path)
    {
        var scorer = OnnxAnomalyScorer.Load(path);
        try
        {
            var inputs = new PropertyState[scorer.Properties.Count];
            var missing = new List<string>();
            for (var j = 0; j < inputs.Length; j++)
            {
                if (_asset.TryGetProperty(scorer.Properties[j], out var p))
                {
                    inputs[j] = p;
                }
                else
                {
                    missing.Add(scorer.Properties[j]);
                }
            }

            if (missing.Count > 0)
            {
                throw new Models.Errors.ManifestException(path, $"model input{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => "'" + m + "'"))} {(missing.Count > 1 ? "are not properties" : "is not a property")} of asset '{_asset.Id}' (its properties: {string.Join(", ", _asset.Properties.Select(q => q.Name))})");
            }

            return new Candidate(scorer, inputs, path);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    private void Use(Candidate next)
    {
        // A model names its inputs: read them in its order.
        _features = next.Inputs;
        _row = new double[_features.Length];
        _scorer?.Dispose();
        _scorer = next.Scorer;
        ModelPath = next.Path;
        _window = new SampleWindow(next.Scorer.Window, _features.Length);
        _input = new float[next.Scorer.Window * _features.Length];
        _debouncer.Reset();
        LastResult = null;
        LastContributors = [];
        State = "ready";
        LastError = null;
    }

    private void Score(DateTime now, List<TwinEvent> events)
    {
        _window!.Push(_row);
        if (!_window.IsFull)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _window.CopyTo(_input);
        var result = _scorer!.Score(_input);
        _timed?.Invoke(_asset.Id, "anomaly", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        LastResult = result;
        LastContributors = _scorer.TopContributors().Select(c => (c.Property, c.Share)).ToList();
        var wasActive = _debouncer.IsActive;
        var active = _debouncer.Update(result.IsAnomalous);
        if (active != wasActive)
        {
            events.Add(new TwinEvent(active ? "anomalyStarted" : "anomalyEnded", _asset.Id, now, new Dictionary<string, object?>
            {
                ["score"] = result.Score,
                ["threshold"] = result.Threshold,
                ["explanation"] = Contributor.Describe(_scorer.TopContributors()),
            }));
        }
    }

    /// <summary>A loaded, validated model with the properties it reads (in its input order).</summary>
    private sealed class Candidate(OnnxAnomalyScorer scorer, PropertyState[] inputs, string? path) : IDisposable
    {
        public OnnxAnomalyScorer Scorer { get; } = scorer;

        public PropertyState[] Inputs { get; } = inputs;

        public string? Path { get; } = path;

        public void Dispose() => Scorer.Dispose();
    }
}
