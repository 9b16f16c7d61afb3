using System.Diagnostics;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Rul;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin.Intelligence;

/// <summary>
/// The failure model of one asset: averages the model's input properties over each cycle, keeps the last cycles as
/// the model's window, and predicts the remaining useful life (with its interval) and the probability of failure
/// within the configured horizon through ONNX Runtime once per cycle. A new model (command or a file dropped over the
/// configured one) is validated before it replaces the one in service; a bad model is an error in the twin's
/// outputs and an event, never a stop. Runs on the pipeline thread.
/// </summary>
public sealed class FailureRunner : IDisposable
{
    /// <summary>A model input of this name that no property provides is fed the count of cycles seen (1, 2, ...).</summary>
    public const string CycleInput = "cycle";

    private readonly AssetState _asset;
    private readonly FailureConfig _config;
    private readonly Action<string, string, TimeSpan>? _timed;
    private string? _startError;
    private readonly ModelFileWatch<InService> _watch;
    private InService? _model;
    private DateTime? _cycleStart;
    private double[] _sum = [];
    private int[] _count = [];
    private DateTime[] _taken = [];
    private double[] _last = [];
    private bool _haveLast;
    private long _cycles;
    private bool _risk;

    /// <summary>Creates the runner and loads the configured model; a model that cannot be used leaves the runner failed (see <see cref="LastError"/>).</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="config">Its failure settings.</param>
    /// <param name="timed">Called with (asset, "rul", time) after each inference, for metrics.</param>
    public FailureRunner(AssetState asset, FailureConfig config, Action<string, string, TimeSpan>? timed = null)
    {
        _asset = asset;
        _config = config;
        _timed = timed;
        _watch = new ModelFileWatch<InService>(Load);
        _watch.Follow(config.Model);
        try
        {
            Use(Load(config.Model));
        }
        catch (Exception ex) when (ModelFileWatch<InService>.IsModelError(ex))
        {
            LastError = ex.Message;
            _startError = ex.Message;
        }
    }

    /// <summary>collecting (too little history for a prediction), ready, or failed (no usable model).</summary>
    public string State => _model is null ? "failed" : _model.Window.Count < _model.MinHistory ? "collecting" : "ready";

    /// <summary>Why there is no model, or why the last replacement was rejected; null when all is well.</summary>
    public string? LastError { get; private set; }

    /// <summary>The model file in service, or null.</summary>
    public string? ModelPath => _model?.Path;

    /// <summary>The length of one model cycle, or null without a model.</summary>
    public TimeSpan? CycleLength => _model?.CycleLength;

    /// <summary>The last prediction in model units (cycles), or null before the first.</summary>
    public RulPrediction? LastPrediction { get; private set; }

    /// <summary>Cycles completed since the runner started.</summary>
    public long Cycles => _cycles;

    /// <summary>
    /// Replaces the model with <paramref name="onnxPath"/> (its manifest beside it), validated first against its
    /// declared shapes and the asset's properties; on any error the model in service stays and the error is thrown.
    /// </summary>
    /// <exception cref="ModelException">The file or its manifest is unusable (also <see cref="ManifestException"/>).</exception>
    public void Replace(string onnxPath, DateTime now, List<TwinEvent> events)
    {
        InService next;
        try
        {
            next = Load(onnxPath);
        }
        catch (Exception ex) when (ModelFileWatch<InService>.IsModelError(ex))
        {
            Reject(onnxPath, ex, now, events);
            throw;
        }

        Use(next);
        _watch.Follow(onnxPath);
        events.Add(Event("modelLoaded", now, new() { ["model"] = onnxPath, ["kind"] = "failure" }));
    }

    /// <summary>Takes the asset's new values into the current cycle; at the end of a cycle predicts. Also picks up a dropped model file.</summary>
    public void Observe(DateTime now, List<TwinEvent> events)
    {
        if (_startError is { } startError)
        {
            // Reported with the first data, so that it goes out on the events topic with the twin's time.
            _startError = null;
            events.Add(Event("modelFailed", now, new() { ["model"] = _config.Model, ["kind"] = "failure", ["error"] = startError }));
        }

        var (loaded, rejected, error) = _watch.Poll(now);
        if (loaded is not null)
        {
            Use(loaded);
            events.Add(Event("modelLoaded", now, new() { ["model"] = loaded.Path, ["kind"] = "failure", ["trigger"] = "file" }));
        }
        else if (rejected is not null)
        {
            Reject(rejected, error!, now, events);
        }

        if (_model is not { } model)
        {
            return;
        }

        _cycleStart ??= now;
        if (now - _cycleStart.Value >= model.CycleLength)
        {
            CloseCycle(model, now, events);
            _cycleStart = now;
        }

        for (var j = 0; j < model.Inputs.Length; j++)
        {
            var p = model.Inputs[j];
            if (p is null || !p.Seen || p.Quality is not (Quality.Good or Quality.Uncertain) || !double.IsFinite(p.Value) || p.Timestamp == _taken[j])
            {
                continue;
            }

            _taken[j] = p.Timestamp;
            _sum[j] += p.Value;
            _count[j]++;
        }
    }

    /// <summary>The outputs to publish.</summary>
    public ModelOutputs Outputs(ModelOutputs? previous)
    {
        var prediction = LastPrediction;
        var cycle = _model?.CycleLength.TotalHours ?? 0;
        return (previous ?? new ModelOutputs()) with
        {
            FailureState = State,
            FailureHistory = _model is { } m && State == "collecting" ? (m.Window.Count, m.MinHistory) : null,
            FailureError = LastError,
            FailureModel = _model?.Path,
            RulHours = prediction is { } r && _model is not null ? r.Rul * cycle : null,
            RulInterval = prediction is { } i && _model is not null && double.IsFinite(i.Lower) ? (i.Lower * cycle, i.Upper * cycle) : null,
            FailureProbability = prediction is { } f && _model is not null && double.IsFinite(f.FailureProbability) ? f.FailureProbability : null,
            FailureHorizon = _config.Horizon,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Dispose();
        _watch.Dispose();
    }

    private void CloseCycle(InService model, DateTime now, List<TwinEvent> events)
    {
        var row = model.Row;
        for (var j = 0; j < row.Length; j++)
        {
            if (model.Inputs[j] is null)
            {
                row[j] = _cycles + 1;
            }
            else if (_count[j] > 0)
            {
                row[j] = _sum[j] / _count[j];
            }
            else if (_haveLast)
            {
                // No new value in this cycle (deadband, slow poll): the level has not changed.
                row[j] = _last[j];
            }
            else
            {
                Array.Clear(_sum);
                Array.Clear(_count);
                return;
            }
        }

        Array.Clear(_sum);
        Array.Clear(_count);
        row.CopyTo(_last, 0);
        _haveLast = true;
        _cycles++;
        model.Window.Push(row);
        if (model.Window.Count >= model.MinHistory)
        {
            Predict(model, now, events);
        }
    }

    private void Predict(InService model, DateTime now, List<TwinEvent> events)
    {
        var started = Stopwatch.GetTimestamp();
        model.Window.CopyPaddedTo(model.Input);
        var prediction = model.Predictor.Predict(model.Input, _config.Horizon / model.CycleLength);
        _timed?.Invoke(_asset.Id, "rul", Stopwatch.GetElapsedTime(started));
        LastPrediction = prediction;
        var p = prediction.FailureProbability;
        if (!double.IsFinite(p))
        {
            return;
        }

        var hours = prediction.Rul * model.CycleLength.TotalHours;
        if (!_risk && p >= _config.Level)
        {
            _risk = true;
            events.Add(Event("failureRiskRaised", now, new() { ["probability"] = Math.Round(p, 4), ["horizonHours"] = _config.Horizon.TotalHours, ["rulHours"] = Math.Round(hours, 3) }));
        }
        else if (_risk && p < _config.Level - 0.1)
        {
            _risk = false;
            events.Add(Event("failureRiskCleared", now, new() { ["probability"] = Math.Round(p, 4), ["horizonHours"] = _config.Horizon.TotalHours, ["rulHours"] = Math.Round(hours, 3) }));
        }
    }

    private void Reject(string path, Exception ex, DateTime now, List<TwinEvent> events)
    {
        var kept = _model is null ? "no model is in service" : $"the model {_model.Path} stays in service";
        LastError = $"{ex.Message} ({kept})";
        events.Add(Event("modelRejected", now, new() { ["model"] = path, ["kind"] = "failure", ["error"] = LastError }));
    }

    private InService Load(string path)
    {
        var predictor = RulPredictor.Load(path);
        try
        {
            var manifest = predictor.Manifest;
            var inputs = new PropertyState?[predictor.Properties.Count];
            for (var j = 0; j < inputs.Length; j++)
            {
                var name = predictor.Properties[j];
                var property = _config.Inputs.GetValueOrDefault(name, name);
                if (_asset.TryGetProperty(property, out var state))
                {
                    inputs[j] = state;
                }
                else if (name != CycleInput || _config.Inputs.ContainsKey(name))
                {
                    throw new ManifestException(path, $"model input '{name}' is not a property of asset '{_asset.Id}' (map it in failure.inputs: {{{name}: property}})");
                }
            }

            var unknown = _config.Inputs.Keys.Where(k => !predictor.Properties.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ManifestException(path, $"failure.inputs names {string.Join(", ", unknown)}, which the model does not take (its inputs: {string.Join(", ", predictor.Properties)})");
            }

            var cycle = _config.CycleLength
                ?? (manifest.Rul?.CycleSeconds is { } seconds ? TimeSpan.FromSeconds(seconds)
                : throw new ManifestException(path, "the manifest has no rul.cycleSeconds: give the asset's failure section a cycle length (cycle: 1m)"));
            if (manifest.Rul is null)
            {
                throw new ManifestException(path, "the manifest has no rul section (error model): the twin needs it for the RUL interval and failure probability");
            }

            var minHistory = Math.Clamp(manifest.Rul.MinHistory ?? predictor.Window, 1, predictor.Window);
            return new InService(path, predictor, inputs, cycle, minHistory);
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
    }

    private void Use(InService next)
    {
        var old = _model;
        if (old is not null && old.Inputs.SequenceEqual(next.Inputs) && old.CycleLength == next.CycleLength && old.Window.Length == next.Window.Length)
        {
            // Same inputs and cycles: the history collected so far serves the new model too.
            next.TakeHistory(old);
        }
        else
        {
            _cycleStart = null;
            _haveLast = false;
            _sum = new double[next.Inputs.Length];
            _count = new int[next.Inputs.Length];
            _taken = new DateTime[next.Inputs.Length];
            _last = new double[next.Inputs.Length];
        }

        _model = next;
        old?.Dispose();
        LastError = null;
        LastPrediction = null;
        _risk = false;
    }

    private TwinEvent Event(string type, DateTime now, Dictionary<string, object?> fields) => new(type, _asset.Id, now, fields);

    /// <summary>A model in service with its resolved inputs and history window.</summary>
    private sealed class InService(string path, RulPredictor predictor, PropertyState?[] inputs, TimeSpan cycleLength, int minHistory) : IDisposable
    {
        public string Path { get; } = path;

        public RulPredictor Predictor { get; } = predictor;

        /// <summary>Per model input, the property read (null: the cycle counter).</summary>
        public PropertyState?[] Inputs { get; } = inputs;

        public TimeSpan CycleLength { get; } = cycleLength;

        public int MinHistory { get; } = minHistory;

        public SampleWindow Window { get; private set; } = new(predictor.Window, inputs.Length);

        public double[] Row { get; } = new double[inputs.Length];

        public float[] Input { get; } = new float[predictor.Window * inputs.Length];

        public void TakeHistory(InService old) => Window = old.Window;

        public void Dispose() => Predictor.Dispose();
    }
}
