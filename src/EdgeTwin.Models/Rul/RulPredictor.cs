using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Runtime;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Live RUL inference through ONNX Runtime for our exported models or a bring-your-own model whose manifest
/// has a rul output (and, for intervals and failure probability, a rul section with its error model).
/// Reuses its tensors between calls; not thread-safe.
/// </summary>
public sealed class RulPredictor : IDisposable
{
    private readonly LoadedModel _model;
    private readonly PreparedRun _run;
    private readonly float[] _rul;
    private readonly RulErrorModel? _errors;

    /// <summary>Wraps a loaded model (takes ownership).</summary>
    /// <exception cref="ManifestException">The manifest has no rul output.</exception>
    public RulPredictor(LoadedModel model)
    {
        if (model.Manifest.Output(ManifestOutput.RulRole) is null)
        {
            throw new ManifestException(model.Source, "a RUL model needs an output with role rul");
        }

        _model = model;
        _run = new PreparedRun(model);
        _rul = _run.Output(ManifestOutput.RulRole)!;
        if (model.Manifest.Rul is { } r)
        {
            _errors = new RulErrorModel(r.ErrorBias, r.ErrorStdIntercept, r.ErrorStdSlope);
        }
    }

    /// <summary>The manifest.</summary>
    public ModelManifest Manifest => _model.Manifest;

    /// <summary>Input properties.</summary>
    public IReadOnlyList<string> Properties => _model.Manifest.Input.Properties;

    /// <summary>Samples (cycles) per window.</summary>
    public int Window => _model.Manifest.Input.Window;

    /// <summary>Loads and validates an ONNX file and its manifest.</summary>
    public static RulPredictor Load(string onnxPath, string? manifestPath = null)
    {
        LoadedModel model = LoadedModel.Load(onnxPath, manifestPath);
        try
        {
            return new RulPredictor(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Creates a predictor for an in-memory export.</summary>
    public static RulPredictor Create(ExportedModel export, string label = "<memory>")
    {
        LoadedModel model = LoadedModel.FromExport(export, label);
        try
        {
            return new RulPredictor(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Predicts RUL only, from a raw window [Window, properties], oldest first.</summary>
    public double PredictRul(ReadOnlySpan<float> window)
    {
        if (window.Length != _run.Input.Length)
        {
            throw new ArgumentException($"window of {window.Length} values, model needs {Window} x {Properties.Count}", nameof(window));
        }

        window.CopyTo(_run.Input);
        _run.Run();
        return Math.Max(0, _rul[0]);
    }

    /// <summary>Predicts RUL, a central interval and the probability of failure within <paramref name="horizon"/>.</summary>
    /// <param name="window">Raw window.</param>
    /// <param name="horizon">Horizon in the model's time unit.</param>
    /// <param name="coverage">Interval coverage (default 90 %).</param>
    public RulPrediction Predict(ReadOnlySpan<float> window, double horizon, double coverage = 0.9)
    {
        double rul = PredictRul(window);
        if (_errors is null)
        {
            return new RulPrediction(rul, double.NaN, double.NaN, double.NaN);
        }

        (double lower, double upper) = _errors.Interval(rul, coverage);
        return new RulPrediction(rul, lower, upper, _errors.FailureProbability(rul, horizon));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _run.Dispose();
        _model.Dispose();
    }
}
