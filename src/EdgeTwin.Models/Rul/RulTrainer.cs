using System.Diagnostics;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Trees;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Builds a RUL regressor from run-to-failure trajectories (C-MAPSS format): drops constant sensors, labels
/// every cycle with min(cap, cycles to failure), summarises the last cycles of each sensor (short mean, window
/// mean, window slope) plus the cycle count, and fits gradient-boosted trees. Validation holds out a fraction of
/// the units, evaluates them at random truncation points like the official test files, and fits the error
/// model used for intervals and failure probabilities; the final model is then trained on all units.
/// </summary>
public static class RulTrainer
{
    /// <summary>Trains, validates and returns the final model.</summary>
    /// <param name="units">Run-to-failure trajectories (each ends at failure).</param>
    /// <param name="options">Settings (null for defaults).</param>
    public static RulTrainingResult Train(IReadOnlyList<CmapssUnit> units, RulTrainingOptions? options = null)
    {
        options ??= new RulTrainingOptions();
        var stopwatch = Stopwatch.StartNew();
        if (units.Count < 5)
        {
            throw new ArgumentException($"{units.Count} units; at least 5 are needed to hold some out", nameof(units));
        }

        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, units.Count).ToArray();
        random.Shuffle(order);
        int held = Math.Max(1, (int)Math.Round(units.Count * options.ValidationFraction));
        var validationUnits = order[..held].Select(i => units[i]).OrderBy(u => u.Id).ToList();
        var trainingUnits = order[held..].Select(i => units[i]).ToList();

        (RulModel provisional, _) = Fit(trainingUnits, options, new RulErrorModel(0, 1, 0));
        (List<double> predicted, List<double> actual) = Truncations(provisional, validationUnits, options, random);
        RulErrorModel errors = RulErrorModel.Fit(predicted, actual);
        RulMetrics validation = RulMetrics.Compute(predicted, actual);
        RulMetrics capped = RulMetrics.Compute(predicted, actual.Select(a => Math.Min(a, options.Cap)).ToList());

        (RulModel model, int rows) = Fit(units, options, errors);
        var report = new RulTrainingReport(
            units.Count,
            validationUnits.Select(u => u.Id).ToList(),
            predicted.Count,
            validation,
            capped,
            model.Properties.Take(model.Properties.Count - 1).ToList(),
            model.Featurizer.Features.Select(f => f.Name).ToList(),
            model.Trees.TreeCount,
            model.Trees.NodeCount,
            rows,
            stopwatch.Elapsed);
        return new RulTrainingResult(model, report);
    }

    /// <summary>Fits a model on the given units (no validation).</summary>
    public static (RulModel Model, int Rows) Fit(IReadOnlyList<CmapssUnit> units, RulTrainingOptions options, RulErrorModel errorModel)
    {
        IReadOnlyList<string> names = options.ValueNames ?? CmapssReader.ValueNames;
        int[] columns = InformativeColumns(units, options.MinDistinctValues, options.ValueNames is null ? 3 : 0, names.Count);
        var sensors = columns.Select(c => names[c]).ToList();
        var properties = options.UseCycle ? sensors.Append("cycle").ToList() : sensors;
        int p = properties.Count;
        (double[] mean, double[] scale) = Statistics(units, columns);
        if (!options.UseCycle)
        {
            mean = mean[..^1];
            scale = scale[..^1];
        }

        var features = new List<WindowFeature>();
        foreach (string sensor in sensors)
        {
            features.Add(new WindowFeature(sensor, WindowFeatureKind.Mean, options.ShortWindow));
            features.Add(new WindowFeature(sensor, WindowFeatureKind.Mean, options.Window));
            features.Add(new WindowFeature(sensor, WindowFeatureKind.Slope, options.Window));
        }

        if (options.UseCycle)
        {
            features.Add(new WindowFeature("cycle", WindowFeatureKind.Last, 1));
        }

        var featurizer = new WindowFeaturizer(properties, mean, scale, features, positions: 1);
        int w = featurizer.InputWindow;

        var rows = new List<float[]>();
        var targets = new List<double>();
        double[] buffer = new double[features.Count];
        foreach (CmapssUnit unit in units)
        {
            // Histories shorter than the window are padded with their first cycle, as at prediction time.
            for (int end = Math.Min(w, options.MinHistory) - 1; end < unit.Length; end++)
            {
                double[] window = RulModel.BuildWindow(unit, end + 1, columns, w, options.UseCycle);
                featurizer.Compute(window, w - 1, buffer);
                rows.Add(buffer.Select(v => (float)v).ToArray());
                targets.Add(Math.Min(options.Cap, unit.Length - 1 - end));
            }
        }

        TreeEnsembleSpec trees = GradientBoostingTrainer.Train(rows.ToArray(), targets.ToArray(), options.Boosting);
        return (new RulModel(featurizer, trees, options.Cap, errorModel, columns), rows.Count);
    }

    /// <summary>Predictions at random truncation points of each unit, with the true RUL there.</summary>
    internal static (List<double> Predicted, List<double> Actual) Truncations(RulModel model, IReadOnlyList<CmapssUnit> units, RulTrainingOptions options, Random random)
    {
        var predicted = new List<double>();
        var actual = new List<double>();
        foreach (CmapssUnit unit in units)
        {
            // True RUL drawn like the official FD001 test set (7..145 cycles left), keeping at least MinHistory cycles.
            int maxRul = Math.Max(1, Math.Min(options.MaxTrueRul, unit.Length - options.MinHistory));
            int minRul = Math.Min(options.MinTrueRul, maxRul);
            for (int k = 0; k < options.CutsPerUnit; k++)
            {
                int cycles = unit.Length - random.Next(minRul, maxRul + 1);
                predicted.Add(Math.Max(0, model.Predict(RulModel.BuildWindow(unit, cycles, model.ValueColumns, model.Window, model.WithCycle))));
                actual.Add(unit.Length - cycles);
            }
        }

        return (predicted, actual);
    }

    private static int[] InformativeColumns(IReadOnlyList<CmapssUnit> units, int minDistinct, int first, int count)
    {
        var result = new List<int>();
        // Sensors only: the operational settings describe the flight condition, not the engine's health.
        // A sensor with only a few distinct values is constant up to quantisation (FD001: s1, s5, s6, s10, s16, s18, s19).
        for (int c = first; c < count; c++)
        {
            var distinct = new HashSet<double>();
            foreach (CmapssUnit u in units)
            {
                foreach (double[] v in u.Values)
                {
                    if (distinct.Add(v[c]) && distinct.Count >= minDistinct)
                    {
                        break;
                    }
                }

                if (distinct.Count >= minDistinct)
                {
                    break;
                }
            }

            if (distinct.Count >= minDistinct)
            {
                result.Add(c);
            }
        }

        return result.ToArray();
    }

    private static (double[] Mean, double[] Scale) Statistics(IReadOnlyList<CmapssUnit> units, int[] columns)
    {
        int p = columns.Length + 1;
        double[] sum = new double[p];
        double[] squares = new double[p];
        long n = 0;
        foreach (CmapssUnit u in units)
        {
            for (int r = 0; r < u.Length; r++)
            {
                for (int j = 0; j < columns.Length; j++)
                {
                    double v = u.Values[r][columns[j]];
                    sum[j] += v;
                    squares[j] += v * v;
                }

                sum[p - 1] += u.Cycles[r];
                squares[p - 1] += (double)u.Cycles[r] * u.Cycles[r];
                n++;
            }
        }

        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            mean[j] = sum[j] / n;
            scale[j] = Math.Max(Math.Sqrt(Math.Max(0, squares[j] / n - mean[j] * mean[j])), 1e-9);
        }

        return (mean, scale);
    }
}
