namespace EdgeTwin.Models.Dynamics;

/// <summary>
/// Identifies an ARX model online by recursive least squares with a forgetting factor. All outputs share one
/// regressor (past outputs of every output, past inputs, a bias), so one covariance matrix serves them all.
/// Feed one sample per step with <see cref="Update"/>; take a frozen <see cref="ArxModel"/> with
/// <see cref="Snapshot"/> for simulation. Not thread-safe; allocation-free per update.
/// </summary>
public sealed class OnlineArx
{
    private readonly int _m;
    private readonly int _r;
    private readonly int _n;
    private readonly double[] _theta;
    private readonly double[] _p;
    private readonly double[] _phi;
    private readonly double[] _pPhi;
    private readonly double[] _outputHistory;
    private readonly double[] _inputHistory;
    private readonly double[] _errors;
    private readonly double[] _values;
    private int _history;
    private int _qualityNext;
    private int _qualityCount;

    /// <summary>Creates an estimator.</summary>
    /// <param name="outputs">State names (e.g. temperature).</param>
    /// <param name="inputs">Input names (controllable or exogenous, e.g. current, cooling).</param>
    /// <param name="options">Orders, delay and forgetting.</param>
    public OnlineArx(IReadOnlyList<string> outputs, IReadOnlyList<string> inputs, ArxOptions? options = null)
    {
        options ??= new ArxOptions();
        options.Validate();
        if (outputs.Count == 0)
        {
            throw new ArgumentException("at least one output is required", nameof(outputs));
        }

        Outputs = outputs.ToArray();
        Inputs = inputs.ToArray();
        Options = options;
        _m = outputs.Count;
        _r = inputs.Count;
        _n = _m * options.OutputOrder + _r * options.InputOrder + (options.Bias ? 1 : 0);
        _theta = new double[_n * _m];
        _p = new double[_n * _n];
        for (int i = 0; i < _n; i++)
        {
            _p[i * _n + i] = options.InitialCovariance;
        }

        _phi = new double[_n];
        _pPhi = new double[_n];
        _outputHistory = new double[options.OutputOrder * _m];
        _inputHistory = new double[(options.Delay + options.InputOrder) * _r];
        _errors = new double[options.QualityWindow * _m];
        _values = new double[options.QualityWindow * _m];
    }

    /// <summary>Output names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Input names.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Settings.</summary>
    public ArxOptions Options { get; }

    /// <summary>Samples consumed.</summary>
    public long Samples { get; private set; }

    /// <summary>True once the history fills the regressor and at least one update has been made.</summary>
    public bool IsReady => _history >= HistoryNeeded + 1;

    private int HistoryNeeded => Math.Max(Options.OutputOrder, Options.Delay + Options.InputOrder - 1);

    /// <summary>Name of regressor <paramref name="index"/>, e.g. "temperature[t-1]", "current[t-2]", "1".</summary>
    public string RegressorName(int index)
    {
        int na = Options.OutputOrder;
        int nb = Options.InputOrder;
        if (index < _m * na)
        {
            return $"{Outputs[index / na]}[t-{index % na + 1}]";
        }

        index -= _m * na;
        if (index < _r * nb)
        {
            int lag = Options.Delay + index % nb;
            return lag == 0 ? $"{Inputs[index / nb]}[t]" : $"{Inputs[index / nb]}[t-{lag}]";
        }

        return "1";
    }

    /// <summary>Current coefficient of a regressor for an output.</summary>
    public double Coefficient(int output, int regressor) => _theta[regressor * _m + output];

    /// <summary>
    /// Consumes the sample at time t: the outputs y(t) and the inputs u(t). Once enough history exists, the
    /// coefficients are updated from the one-step prediction error of y(t).
    /// </summary>
    public void Update(ReadOnlySpan<double> outputs, ReadOnlySpan<double> inputs)
    {
        if (outputs.Length != _m || inputs.Length != _r)
        {
            throw new ArgumentException($"expected {_m} outputs and {_r} inputs, got {outputs.Length} and {inputs.Length}");
        }

        // Shift u(t) into the input history first: with delay 0, y(t) depends on u(t).
        Shift(_inputHistory, inputs, _r);
        if (_history >= HistoryNeeded)
        {
            BuildRegressor();
            Step(outputs);
        }

        Shift(_outputHistory, outputs, _m);
        _history = Math.Min(_history + 1, HistoryNeeded + 1);
        Samples++;
    }

    /// <summary>One-step-ahead fit quality of each output over the recent window.</summary>
    public IReadOnlyList<ArxFitQuality> Quality()
    {
        var result = new ArxFitQuality[_m];
        int count = _qualityCount;
        for (int i = 0; i < _m; i++)
        {
            if (count < 2)
            {
                result[i] = new ArxFitQuality(Outputs[i], count, double.NaN, double.NaN, double.NaN);
                continue;
            }

            double mean = 0;
            for (int k = 0; k < count; k++)
            {
                mean += _values[k * _m + i];
            }

            mean /= count;
            double sse = 0;
            double sst = 0;
            for (int k = 0; k < count; k++)
            {
                double e = _errors[k * _m + i];
                double dv = _values[k * _m + i] - mean;
                sse += e * e;
                sst += dv * dv;
            }

            double rmse = Math.Sqrt(sse / count);
            double std = Math.Sqrt(sst / count);
            // A (numerically) constant output has no variance to explain: R² and NRMSE are undefined.
            bool varies = std > 1e-9 * (Math.Abs(mean) + 1);
            result[i] = new ArxFitQuality(Outputs[i], count, varies ? 1 - sse / sst : double.NaN, varies ? rmse / std : double.NaN, rmse);
        }

        return result;
    }

    /// <summary>Freezes the current coefficients and history for simulation.</summary>
    /// <exception cref="InvalidOperationException">Not enough samples yet.</exception>
    public ArxModel Snapshot()
    {
        if (!IsReady)
        {
            throw new InvalidOperationException($"ARX model needs {HistoryNeeded + 1} samples before it can simulate, has {Samples}");
        }

        return new ArxModel(Outputs, Inputs, Options, (double[])_theta.Clone(), (double[])_outputHistory.Clone(), (double[])_inputHistory.Clone());
    }

    private void BuildRegressor()
    {
        int na = Options.OutputOrder;
        int nb = Options.InputOrder;
        int d = Options.Delay;
        int inputRows = d + nb;
        int k = 0;
        for (int j = 0; j < _m; j++)
        {
            for (int lag = 1; lag <= na; lag++)
            {
                _phi[k++] = _outputHistory[(na - lag) * _m + j];
            }
        }

        for (int l = 0; l < _r; l++)
        {
            for (int lag = 0; lag < nb; lag++)
            {
                _phi[k++] = _inputHistory[(inputRows - 1 - d - lag) * _r + l];
            }
        }

        if (Options.Bias)
        {
            _phi[k] = 1;
        }
    }

    private void Step(ReadOnlySpan<double> y)
    {
        int n = _n;
        double denominator = Options.Forgetting;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += _p[i * n + j] * _phi[j];
            }

            _pPhi[i] = s;
            denominator += _phi[i] * s;
        }

        int slot = _qualityNext;
        for (int o = 0; o < _m; o++)
        {
            double prediction = 0;
            for (int i = 0; i < n; i++)
            {
                prediction += _theta[i * _m + o] * _phi[i];
            }

            double e = y[o] - prediction;
            _errors[slot * _m + o] = e;
            _values[slot * _m + o] = y[o];
            for (int i = 0; i < n; i++)
            {
                _theta[i * _m + o] += _pPhi[i] / denominator * e;
            }
        }

        _qualityNext = (_qualityNext + 1) % Options.QualityWindow;
        _qualityCount = Math.Min(_qualityCount + 1, Options.QualityWindow);

        // P ← (P - P φ φᵀ P / (λ + φᵀ P φ)) / λ, kept symmetric; forgetting pauses while P is large (no excitation).
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double v = _p[i * n + j] - _pPhi[i] * _pPhi[j] / denominator;
                _p[i * n + j] = v;
                _p[j * n + i] = v;
            }

            trace += _p[i * n + i];
        }

        if (Options.Forgetting < 1 && trace < Options.MaxCovarianceTrace)
        {
            double inverse = 1 / Options.Forgetting;
            for (int i = 0; i < _p.Length; i++)
            {
                _p[i] *= inverse;
            }
        }
    }

    private static void Shift(double[] history, ReadOnlySpan<double> row, int width)
    {
        if (width == 0)
        {
            return;
        }

        Array.Copy(history, width, history, 0, history.Length - width);
        row.CopyTo(history.AsSpan(history.Length - width));
    }
}
