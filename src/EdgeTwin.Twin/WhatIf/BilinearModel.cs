namespace EdgeTwin.Twin.WhatIf;

/// <summary>
/// A first-order bilinear ARX model identified by recursive least squares with forgetting:
/// <c>y(k+1) = A·y(k) + B·u(k) + Σ C_ij·u_i(k)·y_j(k) + d</c>. The bilinear terms let an input change a dynamic
/// (a fan changes how fast a motor cools, a valve how fast a tank drains), which a linear ARX cannot extrapolate:
/// it would average "fan on" and "fan off" behaviour and under-predict a cooling failure.
/// </summary>
public sealed class BilinearModel
{
    private readonly int _m;
    private readonly int _r;
    private readonly int _n;
    private readonly double _lambda;
    private readonly double[] _theta;   // [n, m] row-major
    private readonly double[] _p;       // [n, n]
    private readonly double[] _phi;
    private readonly double[] _pphi;
    private readonly double[] _lastY;
    private readonly double[] _lastU;
    private readonly double[] _errors;
    private readonly double[] _actuals;
    private int _quality;
    private bool _hasLast;

    /// <summary>Creates an empty model of <paramref name="outputs"/> driven by <paramref name="inputs"/>.</summary>
    public BilinearModel(int outputs, int inputs, double forgetting = 0.999, int qualityWindow = 360)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(inputs);
        _m = outputs;
        _r = inputs;
        _n = outputs + inputs + inputs * outputs + 1;
        _lambda = forgetting;
        _theta = new double[_n * _m];
        _p = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            _p[i * _n + i] = 1e4;
            if (i < _m)
            {
                _theta[i * _m + i] = 1.0; // start as "nothing changes"
            }
        }

        _phi = new double[_n];
        _pphi = new double[_n];
        _lastY = new double[outputs];
        _lastU = new double[inputs];
        _errors = new double[qualityWindow * outputs];
        _actuals = new double[qualityWindow * outputs];
    }

    /// <summary>Updates made.</summary>
    public long Samples { get; private set; }

    /// <summary>Takes the values of one step; learns y(k) from the previous step's regressor.</summary>
    public void Update(ReadOnlySpan<double> y, ReadOnlySpan<double> u)
    {
        if (_hasLast)
        {
            Regressor(_lastY, _lastU, _phi);
            Learn(y);
        }

        y.CopyTo(_lastY);
        u.CopyTo(_lastU);
        _hasLast = true;
    }

    /// <summary>One-step-ahead R² of each output over the recent window (NaN while unknown or constant).</summary>
    public double[] R2()
    {
        var count = Math.Min(_quality, _errors.Length / _m);
        var result = new double[_m];
        for (var j = 0; j < _m; j++)
        {
            if (count < 10)
            {
                result[j] = double.NaN;
                continue;
            }

            double mean = 0, sse = 0, sst = 0;
            for (var k = 0; k < count; k++)
            {
                mean += _actuals[k * _m + j];
            }

            mean /= count;
            for (var k = 0; k < count; k++)
            {
                var e = _errors[k * _m + j];
                var d = _actuals[k * _m + j] - mean;
                sse += e * e;
                sst += d * d;
            }

            result[j] = sst <= 1e-12 ? double.NaN : 1 - sse / sst;
        }

        return result;
    }

    /// <summary>A frozen copy for simulation (coefficients and the last state).</summary>
    public Frozen Freeze() => new((double[])_theta.Clone(), (double[])_lastY.Clone(), _m, _r, _n);

    private void Learn(ReadOnlySpan<double> y)
    {
        // Standard RLS with forgetting: K = P·φ / (λ + φᵀ·P·φ); θ += K·eᵀ; P = (P - K·φᵀ·P) / λ.
        var n = _n;
        double denominator = _lambda;
        for (var i = 0; i < n; i++)
        {
            double s = 0;
            for (var k = 0; k < n; k++)
            {
                s += _p[i * n + k] * _phi[k];
            }

            _pphi[i] = s;
            denominator += _phi[i] * s;
        }

        var slot = (int)(Samples % (_errors.Length / _m));
        for (var j = 0; j < _m; j++)
        {
            double prediction = 0;
            for (var i = 0; i < n; i++)
            {
                prediction += _theta[i * _m + j] * _phi[i];
            }

            var error = y[j] - prediction;
            _errors[slot * _m + j] = error;
            _actuals[slot * _m + j] = y[j];
            for (var i = 0; i < n; i++)
            {
                _theta[i * _m + j] += _pphi[i] / denominator * error;
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                _p[i * n + k] = (_p[i * n + k] - _pphi[i] * _pphi[k] / denominator) / _lambda;
            }
        }

        Samples++;
        _quality++;
    }

    private void Regressor(ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> phi) => Frozen.Build(y, u, phi, _m, _r);

    /// <summary>Coefficients and last state frozen at one moment; safe to share between threads.</summary>
    public sealed class Frozen
    {
        private readonly double[] _theta;
        private readonly double[] _y0;
        private readonly int _m;
        private readonly int _r;
        private readonly int _n;

        internal Frozen(double[] theta, double[] y0, int m, int r, int n)
        {
            _theta = theta;
            _y0 = y0;
            _m = m;
            _r = r;
            _n = n;
        }

        /// <summary>Rolls the model forward: <paramref name="inputs"/> [steps, r] row-major, result [steps, m] = y(k+1..k+steps).</summary>
        public double[] Simulate(ReadOnlySpan<double> inputs, int steps)
        {
            var trajectory = new double[steps * _m];
            var y = (double[])_y0.Clone();
            var phi = new double[_n];
            for (var k = 0; k < steps; k++)
            {
                Build(y, inputs.Slice(k * _r, _r), phi, _m, _r);
                for (var j = 0; j < _m; j++)
                {
                    double next = 0;
                    for (var i = 0; i < _n; i++)
                    {
                        next += _theta[i * _m + j] * phi[i];
                    }

                    trajectory[k * _m + j] = next;
                }

                trajectory.AsSpan(k * _m, _m).CopyTo(y);
            }

            return trajectory;
        }

        internal static void Build(ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> phi, int m, int r)
        {
            var p = 0;
            for (var j = 0; j < m; j++)
            {
                phi[p++] = y[j];
            }

            for (var i = 0; i < r; i++)
            {
                phi[p++] = u[i];
            }

            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    phi[p++] = u[i] * y[j];
                }
            }

            phi[p] = 1.0;
        }
    }
}
