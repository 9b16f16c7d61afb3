using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace EdgeTwin.Models.Anomaly;

/// <summary>Fits a <see cref="PcaModel"/> to training rows: standardise, eigen-decompose the correlation matrix, keep components by explained variance.</summary>
public static class PcaFitter
{
    /// <summary>Fits the model.</summary>
    /// <param name="rows">Training rows (at least two, all of the same length).</param>
    /// <param name="explainedVariance">Keep the fewest leading components explaining at least this fraction (0–1].</param>
    /// <param name="maxComponents">Upper bound on components (0 = features - 1, leaving a residual space for Q).</param>
    /// <param name="relativeScaleFloor">Scale floor relative to |mean| so a constant feature cannot divide by zero.</param>
    /// <param name="absoluteScaleFloor">Absolute scale floor.</param>
    /// <param name="scaleFloors">Optional per-feature scale floors.</param>
    public static PcaModel Fit(IReadOnlyList<double[]> rows, double explainedVariance = 0.9, int maxComponents = 0, double relativeScaleFloor = 1e-3, double absoluteScaleFloor = 1e-6, IReadOnlyList<double>? scaleFloors = null)
    {
        if (rows.Count < 2)
        {
            throw new ArgumentException($"at least 2 training rows are needed, got {rows.Count}", nameof(rows));
        }

        if (!(explainedVariance > 0 && explainedVariance <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(explainedVariance), explainedVariance, "must be in (0, 1]");
        }

        int f = rows[0].Length;
        int n = rows.Count;
        double[] mean = new double[f];
        foreach (double[] row in rows)
        {
            if (row.Length != f)
            {
                throw new ArgumentException($"row of {row.Length} values among rows of {f}", nameof(rows));
            }

            for (int j = 0; j < f; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < f; j++)
        {
            mean[j] /= n;
        }

        double[] scale = new double[f];
        foreach (double[] row in rows)
        {
            for (int j = 0; j < f; j++)
            {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }

        for (int j = 0; j < f; j++)
        {
            scale[j] = Math.Max(Math.Sqrt(scale[j] / (n - 1)), Math.Max(absoluteScaleFloor, relativeScaleFloor * Math.Abs(mean[j])));
            if (scaleFloors is not null)
            {
                scale[j] = Math.Max(scale[j], scaleFloors[j]);
            }
        }

        Matrix<double> cov = Matrix<double>.Build.Dense(f, f);
        foreach (double[] row in rows)
        {
            for (int i = 0; i < f; i++)
            {
                double zi = (row[i] - mean[i]) / scale[i];
                for (int j = i; j < f; j++)
                {
                    cov[i, j] += zi * (row[j] - mean[j]) / scale[j];
                }
            }
        }

        for (int i = 0; i < f; i++)
        {
            for (int j = i; j < f; j++)
            {
                cov[i, j] /= n - 1;
                cov[j, i] = cov[i, j];
            }
        }

        Evd<double> evd = cov.Evd(Symmetricity.Symmetric);
        int[] order = Enumerable.Range(0, f).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        double[] values = order.Select(i => Math.Max(evd.EigenValues[i].Real, 0)).ToArray();
        double total = values.Sum();
        int limit = maxComponents > 0 ? Math.Min(maxComponents, f) : Math.Max(1, f - 1);
        double minEigen = Math.Max(total * 1e-9, 1e-12);
        int k = 0;
        double cumulative = 0;
        while (k < limit && values[k] > minEigen && (k == 0 || cumulative / total < explainedVariance))
        {
            cumulative += values[k];
            k++;
        }

        if (k == 0)
        {
            throw new ArgumentException("training data has no variance", nameof(rows));
        }

        double[] loadings = new double[f * k];
        for (int a = 0; a < k; a++)
        {
            Vector<double> v = evd.EigenVectors.Column(order[a]);
            // Sign convention: the largest-magnitude entry is positive, so fits are reproducible.
            int argMax = 0;
            for (int j = 1; j < f; j++)
            {
                if (Math.Abs(v[j]) > Math.Abs(v[argMax]))
                {
                    argMax = j;
                }
            }

            double sign = v[argMax] < 0 ? -1 : 1;
            for (int j = 0; j < f; j++)
            {
                loadings[j * k + a] = sign * v[j];
            }
        }

        return new PcaModel(mean, scale, loadings, values[..k], values[k..]);
    }
}
