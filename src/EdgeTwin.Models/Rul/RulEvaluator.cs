namespace EdgeTwin.Models.Rul;

/// <summary>Evaluation of RUL models on C-MAPSS data.</summary>
public static class RulEvaluator
{
    /// <summary>
    /// The official protocol: one prediction per test unit at its last cycle, compared with the RUL file.
    /// </summary>
    /// <param name="predict">Predicts RUL from a raw window (C# model or ONNX predictor).</param>
    /// <param name="window">Builds a unit's window at its last cycle.</param>
    /// <param name="testUnits">Truncated test trajectories.</param>
    /// <param name="trueRul">True RUL per test unit, in order.</param>
    public static (RulMetrics Metrics, IReadOnlyList<double> Predictions) EvaluateTest(Func<double[], double> predict, Func<CmapssUnit, double[]> window, IReadOnlyList<CmapssUnit> testUnits, IReadOnlyList<double> trueRul)
    {
        if (testUnits.Count != trueRul.Count)
        {
            throw new ArgumentException($"{testUnits.Count} test units but {trueRul.Count} RUL values");
        }

        var predictions = testUnits.Select(u => Math.Max(0, predict(window(u)))).ToList();
        return (RulMetrics.Compute(predictions, trueRul), predictions);
    }

    /// <summary>Evaluates a C# model on test units.</summary>
    public static RulMetrics EvaluateTest(RulModel model, IReadOnlyList<CmapssUnit> testUnits, IReadOnlyList<double> trueRul) =>
        EvaluateTest(w => model.Predict(w), model.WindowOf, testUnits, trueRul).Metrics;

    /// <summary>Evaluates an ONNX predictor on test units (its window is built from the C-MAPSS columns named by its properties).</summary>
    public static RulMetrics EvaluateTest(RulPredictor predictor, IReadOnlyList<CmapssUnit> testUnits, IReadOnlyList<double> trueRul)
    {
        int[] columns = predictor.Properties.Take(predictor.Properties.Count - 1)
            .Select(p => CmapssReader.ValueNames.ToList().IndexOf(p)).ToArray();
        if (columns.Any(c => c < 0) || predictor.Properties[^1] != "cycle")
        {
            throw new ArgumentException("the predictor's properties are not C-MAPSS columns followed by 'cycle'", nameof(predictor));
        }

        float[] buffer = new float[predictor.Window * predictor.Properties.Count];
        return EvaluateTest(
            w =>
            {
                for (int i = 0; i < w.Length; i++)
                {
                    buffer[i] = (float)w[i];
                }

                return predictor.PredictRul(buffer);
            },
            u => RulModel.BuildWindow(u, u.Length, columns, predictor.Window),
            testUnits,
            trueRul).Metrics;
    }

    /// <summary>
    /// K-fold cross-validation by unit: each fold's units are held out, a model is fitted on the rest, and the
    /// held-out units are evaluated at random truncation points. Returns per-fold and pooled metrics.
    /// </summary>
    public static (IReadOnlyList<RulMetrics> Folds, RulMetrics Pooled) CrossValidate(IReadOnlyList<CmapssUnit> units, RulTrainingOptions options, int folds = 5)
    {
        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, units.Count).ToArray();
        random.Shuffle(order);
        var perFold = new List<RulMetrics>();
        var allPredicted = new List<double>();
        var allActual = new List<double>();
        for (int k = 0; k < folds; k++)
        {
            var held = order.Where((_, i) => i % folds == k).Select(i => units[i]).ToList();
            var train = order.Where((_, i) => i % folds != k).Select(i => units[i]).ToList();
            (RulModel model, _) = RulTrainer.Fit(train, options, new RulErrorModel(0, 1, 0));
            (List<double> p, List<double> a) = RulTrainer.Truncations(model, held, options, random);
            perFold.Add(RulMetrics.Compute(p, a));
            allPredicted.AddRange(p);
            allActual.AddRange(a);
        }

        return (perFold, RulMetrics.Compute(allPredicted, allActual));
    }
}
