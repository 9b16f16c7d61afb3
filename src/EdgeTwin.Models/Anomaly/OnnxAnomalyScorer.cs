using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Runtime;

namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Live anomaly scoring through ONNX Runtime for a learned or bring-your-own model. Loads and validates the
/// model with its manifest, then scores one window at a time reusing its tensors (no per-call tensor
/// allocation). Not thread-safe: one scorer per asset.
/// </summary>
public sealed class OnnxAnomalyScorer : IDisposable
{
    private readonly LoadedModel _model;
    private readonly PreparedRun _run;
    private readonly float[] _primary;
    private readonly float[]? _t2;
    private readonly float[]? _q;
    private readonly float[]? _contributions;
    private readonly double[]? _scaleMean;
    private readonly double[]? _scaleStd;

    /// <summary>Wraps a loaded model (the scorer takes ownership).</summary>
    /// <exception cref="ManifestException">The manifest has no score or probability output, or a score output without a threshold.</exception>
    public OnnxAnomalyScorer(LoadedModel model)
    {
        ModelManifest m = model.Manifest;
        ManifestOutput primary = m.Output(ManifestOutput.ScoreRole) ?? m.Output(ManifestOutput.ProbabilityRole)
            ?? throw new ManifestException(model.Source, "an anomaly model needs an output with role score or probability");
        if (primary.Role == ManifestOutput.ScoreRole && m.Threshold is null)
        {
            throw new ManifestException(model.Source, "an anomaly model with a score output needs a threshold");
        }

        _model = model;
        _run = new PreparedRun(model);
        _primary = _run.Output(primary.Role)!;
        _t2 = _run.Output(ManifestOutput.T2Role);
        _q = _run.Output(ManifestOutput.QRole);
        _contributions = _run.Output(ManifestOutput.ContributionsRole);
        Threshold = m.Threshold ?? 0.5;
        if (m.Input.Normalization is { AppliedBy: NormalizationSite.Scorer } n)
        {
            _scaleMean = n.Mean.ToArray();
            _scaleStd = n.Std.ToArray();
        }
    }

    /// <summary>The manifest.</summary>
    public ModelManifest Manifest => _model.Manifest;

    /// <summary>Input property names, in input order.</summary>
    public IReadOnlyList<string> Properties => _model.Manifest.Input.Properties;

    /// <summary>Samples per window.</summary>
    public int Window => _model.Manifest.Input.Window;

    /// <summary>Alarm threshold.</summary>
    public double Threshold { get; }

    /// <summary>Per-property contributions of the last result (empty when the model has none); overwritten by the next call.</summary>
    public ReadOnlySpan<float> Contributions => _contributions;

    /// <summary>Loads and validates an ONNX file and its manifest (default: same base name with ".json").</summary>
    public static OnnxAnomalyScorer Load(string onnxPath, string? manifestPath = null)
    {
        LoadedModel model = LoadedModel.Load(onnxPath, manifestPath);
        try
        {
            return new OnnxAnomalyScorer(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Creates a scorer for an in-memory export.</summary>
    public static OnnxAnomalyScorer Create(ExportedModel export, string label = "<memory>")
    {
        LoadedModel model = LoadedModel.FromExport(export, label);
        try
        {
            return new OnnxAnomalyScorer(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Scores one window of raw samples, [<see cref="Window"/>, properties] row-major, oldest first.</summary>
    public AnomalyResult Score(ReadOnlySpan<float> window)
    {
        float[] input = _run.Input;
        if (window.Length != input.Length)
        {
            throw new ArgumentException($"window of {window.Length} values, model needs {Window} x {Properties.Count}", nameof(window));
        }

        if (_scaleMean is null)
        {
            window.CopyTo(input);
        }
        else
        {
            int p = _scaleMean.Length;
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)((window[i] - _scaleMean[i % p]) / _scaleStd![i % p]);
            }
        }

        _run.Run();
        double score = _primary[0];
        return new AnomalyResult(score, Threshold, score > Threshold, _t2 is null ? double.NaN : _t2[0], _q is null ? double.NaN : _q[0]);
    }

    /// <summary>Scores the window held by <paramref name="window"/> (which must be full).</summary>
    public AnomalyResult Score(SampleWindow window)
    {
        window.CopyTo(_run.Input);
        if (_scaleMean is not null)
        {
            float[] copy = _run.Input.ToArray();
            return Score(copy);
        }

        _run.Run();
        double score = _primary[0];
        return new AnomalyResult(score, Threshold, score > Threshold, _t2 is null ? double.NaN : _t2[0], _q is null ? double.NaN : _q[0]);
    }

    /// <summary>The properties explaining most of the last score (see <see cref="Contributor.Top"/>).</summary>
    public IReadOnlyList<Contributor> TopContributors(double coverage = 0.8, int max = 3) =>
        _contributions is null ? Array.Empty<Contributor>() : Contributor.Top(Properties, _contributions, coverage, max);

    /// <inheritdoc />
    public void Dispose()
    {
        _run.Dispose();
        _model.Dispose();
    }
}
