namespace EdgeTwin.Models.Dynamics;

/// <summary>
/// An identified ARX model, frozen with the recent history it needs, for what-if simulation:
/// y_i(t) = Σ_j Σ_{k=1..na} a_ijk y_j(t-k) + Σ_l Σ_{k=0..nb-1} b_ilk u_l(t-d-k) + c_i.
/// Immutable and thread-safe.
/// </summary>
public sealed class ArxModel
{
    private readonly double[] _theta;      // [regressors, outputs] row-major
    private readonly double[] _outputHistory; // [na, outputs], oldest first; last row = y(t)
    private readonly double[] _inputHistory;  // [d + nb, inputs], oldest first; last row = u(t)

    internal ArxModel(IReadOnlyList<string> outputs, IReadOnlyList<string> inputs, ArxOptions options, double[] theta, double[] outputHistory, double[] inputHistory)
    {
        Outputs = outputs;
        Inputs = inputs;
        Options = options;
        _theta = theta;
        _outputHistory = outputHistory;
        _inputHistory = inputHistory;
    }

    /// <summary>Output (state) names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Input (controllable or exogenous) names.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Structure.</summary>
    public ArxOptions Options { get; }

    /// <summary>Regressors per output: outputs·na + inputs·nb (+1 with a bias).</summary>
    public int RegressorCount => _theta.Length / Outputs.Count;

    /// <summary>Coefficient of regressor <paramref name="regressor"/> for output <paramref name="output"/> (see <see cref="OnlineArx.RegressorName"/>).</summary>
    public double Coefficient(int output, int regressor) => _theta[regressor * Outputs.Count + output];

    /// <summary>
    /// Rolls the model forward from its history. <paramref name="futureInputs"/> holds u(t+1) .. u(t+H),
    /// row-major [H, inputs]; <paramref name="trajectory"/> receives y(t+1) .. y(t+H), row-major [H, outputs].
    /// Allocation-free apart from two small stack buffers' worth of history.
    /// </summary>
    public void Simulate(ReadOnlySpan<double> futureInputs, Span<double> trajectory)
    {
        int m = Outputs.Count;
        int r = Inputs.Count;
        int na = Options.OutputOrder;
        int nb = Options.InputOrder;
        int d = Options.Delay;
        int horizon = trajectory.Length / m;
        if (trajectory.Length % m != 0 || futureInputs.Length != horizon * r)
        {
            throw new ArgumentException($"a trajectory of {trajectory.Length} values ({m} outputs) needs {horizon * r} future input values ({r} inputs), got {futureInputs.Length}", nameof(futureInputs));
        }

        int inputRows = d + nb;
        for (int k = 0; k < horizon; k++)
        {
            for (int i = 0; i < m; i++)
            {
                double y = 0;
                int p = 0;
                for (int j = 0; j < m; j++)
                {
                    for (int lag = 1; lag <= na; lag++)
                    {
                        y += _theta[p++ * m + i] * PastOutput(trajectory, k - lag, j, m, na);
                    }
                }

                for (int l = 0; l < r; l++)
                {
                    for (int lag = 0; lag < nb; lag++)
                    {
                        // u at step k - d - lag; k = 0 is time t+1, so index -1 is u(t) from history.
                        int step = k - d - lag;
                        double u = step >= 0 ? futureInputs[step * r + l] : _inputHistory[(inputRows + step) * r + l];
                        y += _theta[p++ * m + i] * u;
                    }
                }

                if (Options.Bias)
                {
                    y += _theta[p * m + i];
                }

                trajectory[k * m + i] = y;
            }
        }
    }

    /// <summary>Simulates and returns the trajectory as a new array [H, outputs].</summary>
    public double[] Simulate(ReadOnlySpan<double> futureInputs, int horizon)
    {
        double[] result = new double[horizon * Outputs.Count];
        Simulate(futureInputs, result);
        return result;
    }

    private double PastOutput(ReadOnlySpan<double> trajectory, int step, int j, int m, int na) =>
        step >= 0 ? trajectory[step * m + j] : _outputHistory[(na + step) * m + j];
}
