using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Onnx;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// A RUL regressor: window features over the last cycles of selected sensors (plus the cycle count), and a
/// tree ensemble. <see cref="Predict"/> is the C# reference of the exported ONNX model.
/// </summary>
public sealed class RulModel
{
    /// <summary>Assembles a model.</summary>
    public RulModel(WindowFeaturizer featurizer, TreeEnsembleSpec trees, double cap, RulErrorModel errorModel, IReadOnlyList<int> valueColumns)
    {
        Featurizer = featurizer;
        Trees = trees;
        Cap = cap;
        ErrorModel = errorModel;
        ValueColumns = valueColumns;
    }

    /// <summary>Window features.</summary>
    public WindowFeaturizer Featurizer { get; }

    /// <summary>The boosted trees.</summary>
    public TreeEnsembleSpec Trees { get; }

    /// <summary>Target cap used in training.</summary>
    public double Cap { get; }

    /// <summary>Error model for intervals and failure probability.</summary>
    public RulErrorModel ErrorModel { get; }

    /// <summary>For C-MAPSS data: the value column (0..23) of each sensor property; the last property is the cycle count.</summary>
    public IReadOnlyList<int> ValueColumns { get; }

    /// <summary>True when the last input is the cycle count (C-MAPSS); false for models of timed history.</summary>
    public bool WithCycle => Featurizer.Properties.Count == ValueColumns.Count + 1;

    /// <summary>Input property names (sensors, then "cycle" when <see cref="WithCycle"/>).</summary>
    public IReadOnlyList<string> Properties => Featurizer.Properties;

    /// <summary>Cycles per input window.</summary>
    public int Window => Featurizer.InputWindow;

    /// <summary>Predicts RUL from a raw window [Window, properties], oldest first.</summary>
    public double Predict(ReadOnlySpan<double> window)
    {
        Span<double> features = stackalloc double[Featurizer.Features.Count];
        Featurizer.Compute(window, Window - 1, features);
        Span<float> f = stackalloc float[features.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = (float)features[i];
        }

        return Trees.Predict(f);
    }

    /// <summary>Builds the raw input window of a C-MAPSS trajectory at its last cycle (padding short histories with the first cycle).</summary>
    public double[] WindowOf(CmapssUnit unit) => BuildWindow(unit, unit.Length, ValueColumns, Window, WithCycle);

    /// <summary>Predicts RUL after the last cycle of a trajectory.</summary>
    public double Predict(CmapssUnit unit) => Predict(WindowOf(unit));

    /// <summary>
    /// The raw window of a C-MAPSS trajectory after its first <paramref name="cycles"/> cycles: the given value
    /// columns plus the cycle number, oldest first, padded with the first cycle when the history is short.
    /// </summary>
    public static double[] BuildWindow(CmapssUnit unit, int cycles, IReadOnlyList<int> columns, int window, bool withCycle = true)
    {
        int p = columns.Count + (withCycle ? 1 : 0);
        double[] result = new double[window * p];
        for (int r = 0; r < window; r++)
        {
            int index = Math.Max(0, cycles - window + r);
            double[] values = unit.Values[index];
            for (int j = 0; j < columns.Count; j++)
            {
                result[r * p + j] = values[columns[j]];
            }

            if (withCycle)
            {
                result[r * p + p - 1] = unit.Cycles[index];
            }
        }

        return result;
    }
}
