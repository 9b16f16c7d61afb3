namespace EdgeTwin.Models.Trees;

/// <summary>
/// Quantile bins per feature. Cut points lie midway between distinct training values, as float32, so a split
/// "bin ≤ b" is exactly "x ≤ cut[b]" in float32 comparisons, the way ONNX Runtime evaluates tree nodes.
/// </summary>
internal sealed class FeatureBinner
{
    private FeatureBinner(float[][] cuts) => Cuts = cuts;

    /// <summary>Per feature, ascending cut points.</summary>
    public float[][] Cuts { get; }

    public static FeatureBinner Fit(float[][] rows, int features, int bins)
    {
        float[][] cuts = new float[features][];
        float[] column = new float[rows.Length];
        for (int j = 0; j < features; j++)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                column[i] = rows[i][j];
            }

            Array.Sort(column);
            var list = new List<float>();
            int n = column.Length;
            int next = 1;
            for (int i = 0; i < n - 1 && next < bins; i++)
            {
                if (column[i] == column[i + 1] || (i + 1) < (long)next * n / bins)
                {
                    continue;
                }

                float cut = (float)((column[i] + (double)column[i + 1]) / 2);
                if (cut >= column[i + 1])
                {
                    cut = column[i];
                }

                list.Add(cut);
                while (next < bins && (i + 1) >= (long)next * n / bins)
                {
                    next++;
                }
            }

            cuts[j] = list.ToArray();
        }

        return new FeatureBinner(cuts);
    }

    /// <summary>Bin index of a value: the number of cuts strictly below it.</summary>
    public byte Bin(int feature, float value)
    {
        float[] c = Cuts[feature];
        int lo = 0;
        int hi = c.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (value <= c[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return (byte)lo;
    }
}
