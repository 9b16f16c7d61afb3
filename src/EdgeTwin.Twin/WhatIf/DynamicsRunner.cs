using System.Globalization;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Twin.WhatIf;

/// <summary>
/// Identifies an asset's dynamics online (a bilinear first-order ARX model by recursive least squares with forgetting,
/// see <see cref="BilinearModel"/>) from its properties sampled at a fixed step, and answers what-if questions from
/// any thread using the latest frozen model.
/// </summary>
public sealed class DynamicsRunner
{
    private readonly AssetState _asset;
    private readonly DynamicsConfig _config;
    private readonly BilinearModel _model;
    private readonly PropertyState[] _outputs;
    private readonly PropertyState[] _inputs;
    private readonly double[] _y;
    private readonly double[] _u;
    private DateTime _lastStep;

    /// <summary>Steps of data before the model answers (enough for the parameters to settle).</summary>
    public const int MinimumSamples = 30;
    private volatile WhatIfBasis? _basis;

    /// <summary>Creates the runner for <paramref name="asset"/>.</summary>
    public DynamicsRunner(AssetState asset, DynamicsConfig config)
    {
        _asset = asset;
        _config = config;
        _outputs = config.Outputs.Select(Property).ToArray();
        _inputs = config.Inputs.Select(Property).ToArray();
        _y = new double[_outputs.Length];
        _u = new double[_inputs.Length];
        _model = new BilinearModel(_outputs.Length, _inputs.Length, config.Forgetting);
    }

    /// <summary>Samples used so far.</summary>
    public long Samples => _model.Samples;

    /// <summary>True once the model can simulate.</summary>
    public bool Ready => _basis is not null;

    /// <summary>Fit quality per output (R²), when known.</summary>
    public IReadOnlyDictionary<string, double> Fit => _basis?.Fit ?? new Dictionary<string, double>();

    /// <summary>Takes one sample per model step when every property is good.</summary>
    public void Observe(DateTime now)
    {
        if (now - _lastStep < _config.Step)
        {
            return;
        }

        if (!Read(_outputs, _y) || !Read(_inputs, _u))
        {
            return;
        }

        _lastStep = _lastStep == default || now - _lastStep > 2 * _config.Step ? now : _lastStep + _config.Step;
        _model.Update(_y, _u);
        if (_model.Samples >= MinimumSamples)
        {
            var current = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < _outputs.Length; i++)
            {
                current[_outputs[i].Name] = _y[i];
            }

            for (var i = 0; i < _inputs.Length; i++)
            {
                current[_inputs[i].Name] = _u[i];
            }

            var r2 = _model.R2();
            var fit = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var j = 0; j < r2.Length; j++)
            {
                if (double.IsFinite(r2[j]))
                {
                    fit[_config.Outputs[j]] = Math.Round(r2[j], 4);
                }
            }

            _basis = new WhatIfBasis(_asset.Id, now, _model.Freeze(), _config.Outputs, _config.Inputs, _config.Step, current, _asset.Config.Alarms, fit);
        }
    }

    /// <summary>Simulates <paramref name="request"/> from the latest model (thread-safe).</summary>
    /// <exception cref="WhatIfException">No model yet, or a bad override.</exception>
    public WhatIfResult Simulate(WhatIfRequest request) => Simulate(Basis(), request);

    /// <summary>
    /// The latest model pinned: every simulation through the answer uses the same model and starting point, however
    /// the live model moves on meanwhile (an optimiser compares many candidates). Thread-safe.
    /// </summary>
    /// <exception cref="WhatIfException">No model yet.</exception>
    public PinnedDynamics Pin()
    {
        var basis = Basis();
        return new PinnedDynamics(basis.Asset, basis.Time, basis.Inputs, basis.Outputs, basis.Step, basis.Current, basis.Fit, request => Simulate(basis, request));
    }

    private WhatIfBasis Basis() => _basis ?? throw new WhatIfException(
        $"asset '{_asset.Id}' has no identified dynamics yet ({_model.Samples} of {MinimumSamples} samples at {_config.Step.TotalSeconds:0.#} s steps; it needs a few minutes of data)");

    private static WhatIfResult Simulate(WhatIfBasis basis, WhatIfRequest request)
    {
        if (request.Horizon <= TimeSpan.Zero || request.Horizon > TimeSpan.FromDays(7))
        {
            throw new WhatIfException("horizon must be between 1 step and 7 days");
        }

        var model = basis;
        var steps = (int)Math.Ceiling(request.Horizon / basis.Step);
        var every = request.Step is { } s && s > basis.Step ? Math.Max(1, (int)Math.Round(s / basis.Step)) : 1;
        var notes = new List<string>();
        var inputs = model.Inputs;
        var inputValues = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            inputValues[i] = basis.Current[inputs[i]];
        }

        foreach (var (property, change) in request.Overrides)
        {
            var index = IndexOf(inputs, property);
            if (index < 0)
            {
                notes.Add(model.Outputs.Contains(property)
                    ? $"'{property}' is predicted by the model, not an input: override ignored"
                    : $"'{property}' is not an input of the dynamics model (inputs: {string.Join(", ", inputs)}): override ignored");
                continue;
            }

            inputValues[index] = Apply(inputValues[index], change, property);
        }

        var future = new double[steps * inputs.Count];
        for (var k = 0; k < steps; k++)
        {
            inputValues.CopyTo(future, k * inputs.Count);
        }

        var trajectory = model.Model.Simulate(future, steps);

        var points = (steps + every - 1) / every;
        var times = new double[points];
        var outputs = model.Outputs.ToDictionary(o => o, _ => new double[points], StringComparer.Ordinal);
        var inputSeries = inputs.ToDictionary(i => i, _ => new double[points], StringComparer.Ordinal);
        for (var p = 0; p < points; p++)
        {
            var k = Math.Min(steps - 1, (p + 1) * every - 1);
            times[p] = (k + 1) * basis.Step.TotalSeconds;
            for (var o = 0; o < model.Outputs.Count; o++)
            {
                outputs[model.Outputs[o]][p] = Math.Round(trajectory[k * model.Outputs.Count + o], 6);
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                inputSeries[inputs[i]][p] = inputValues[i];
            }
        }

        var crossings = new List<LimitCrossing>();
        foreach (var alarm in basis.Alarms)
        {
            var o = IndexOf(model.Outputs, alarm.Property);
            if (o < 0)
            {
                continue;
            }

            foreach (var (limit, direction) in new[] { (alarm.High, "high"), (alarm.Low, "low") })
            {
                if (limit is not { } value)
                {
                    continue;
                }

                TimeSpan? after = null;
                for (var k = 0; k < steps; k++)
                {
                    var y = trajectory[k * model.Outputs.Count + o];
                    if (direction == "high" ? y > value : y < value)
                    {
                        after = basis.Step * (k + 1);
                        break;
                    }
                }

                crossings.Add(new LimitCrossing(alarm.Id, alarm.Property, value, direction, after));
            }
        }

        return new WhatIfResult(basis.Asset, basis.Time, basis.Step * every, times, outputs, inputSeries, crossings, basis.Fit, notes);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Applies "+20%", "-5%", "+3", "-3", "42" or "=-42" (absolute, also negative) to <paramref name="current"/>.</summary>
    internal static double Apply(double current, string change, string property)
    {
        var text = change.Trim();
        if (text.StartsWith('='))
        {
            // "=-5": absolute, also for negative values.
            return double.TryParse(text[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var absolute) && double.IsFinite(absolute)
                ? absolute
                : throw new WhatIfException($"override of '{property}': '{change}' is not a number after '='");
        }

        var percent = text.EndsWith('%');
        var number = percent ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new WhatIfException($"override of '{property}': '{change}' is not a number, +N, -N or ±N%");
        }

        var relative = text.StartsWith('+') || text.StartsWith('-');
        return percent ? current * (1 + value / 100.0) : relative ? current + value : value;
    }

    private PropertyState Property(string name) =>
        _asset.TryGetProperty(name, out var p) ? p : throw new ArgumentException($"asset '{_asset.Id}': dynamics property '{name}' is not a property");

    private static bool Read(PropertyState[] properties, double[] values)
    {
        for (var i = 0; i < properties.Length; i++)
        {
            var p = properties[i];
            if (!p.Seen || p.Quality != Quality.Good || !double.IsFinite(p.Value))
            {
                return false;
            }

            values[i] = p.Value;
        }

        return true;
    }
}
