namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// A learned anomaly model: window features, PCA T² and Q, their training limits, smoothing over consecutive
/// positions, and the alarm threshold. <see cref="Score"/> is the C# reference computation the ONNX export is
/// checked against.
/// </summary>
public sealed class PcaAnomalyModel
{
    /// <summary>Assembles a model from its parts.</summary>
    public PcaAnomalyModel(WindowFeaturizer featurizer, PcaModel pca, double t2Limit, double qLimit, StatisticCombination combination, double threshold, AnomalyFitStatistics statistics)
    {
        if (pca.FeatureCount != featurizer.Features.Count)
        {
            throw new ArgumentException($"PCA has {pca.FeatureCount} features, the featurizer {featurizer.Features.Count}", nameof(pca));
        }

        if (!(t2Limit > 0) || !(qLimit > 0) || !(threshold > 0))
        {
            throw new ArgumentException("limits and threshold must be positive");
        }

        Featurizer = featurizer;
        Pca = pca;
        T2Limit = t2Limit;
        QLimit = qLimit;
        Combination = combination;
        Threshold = threshold;
        Statistics = statistics;
    }

    /// <summary>Window features.</summary>
    public WindowFeaturizer Featurizer { get; }

    /// <summary>The PCA over standardised features.</summary>
    public PcaModel Pca { get; }

    /// <summary>T² normaliser.</summary>
    public double T2Limit { get; }

    /// <summary>Q normaliser.</summary>
    public double QLimit { get; }

    /// <summary>How the normalised statistics are combined.</summary>
    public StatisticCombination Combination { get; }

    /// <summary>Score above which a window is anomalous.</summary>
    public double Threshold { get; }

    /// <summary>Fit statistics.</summary>
    public AnomalyFitStatistics Statistics { get; }

    /// <summary>Input property names.</summary>
    public IReadOnlyList<string> Properties => Featurizer.Properties;

    /// <summary>Raw samples per scored window.</summary>
    public int InputWindow => Featurizer.InputWindow;

    /// <summary>
    /// Scores a window of raw samples (row-major [<see cref="InputWindow"/>, properties], oldest first).
    /// </summary>
    /// <param name="window">The raw window.</param>
    /// <param name="contributions">Receives per-property contributions to T²/T²lim + Q/Qlim averaged over the positions (may be empty).</param>
    public AnomalyEvaluation Score(ReadOnlySpan<double> window, Span<double> contributions = default)
    {
        int p = Properties.Count;
        int w = InputWindow;
        if (window.Length != w * p)
        {
            throw new ArgumentException($"window of {window.Length} values, expected {w} x {p}", nameof(window));
        }

        int fCount = Featurizer.Features.Count;
        Span<double> features = stackalloc double[fCount];
        Span<double> qc = stackalloc double[fCount];
        Span<double> tc = stackalloc double[fCount];
        if (!contributions.IsEmpty)
        {
            contributions.Clear();
        }

        int positions = Featurizer.Positions;
        double score = 0;
        double t2Sum = 0;
        double qSum = 0;
        for (int l = 0; l < positions; l++)
        {
            int end = w - positions + l;
            Featurizer.Compute(window, end, features);
            (double t2, double q) = Pca.Evaluate(features, qc, tc);
            t2Sum += t2;
            qSum += q;
            score += Combine(t2, q);
            if (!contributions.IsEmpty)
            {
                for (int i = 0; i < fCount; i++)
                {
                    contributions[Featurizer.PropertyIndex[i]] += (qc[i] / QLimit + tc[i] / T2Limit) / positions;
                }
            }
        }

        score /= positions;
        return new AnomalyEvaluation(score, t2Sum / positions, qSum / positions, score > Threshold);
    }

    /// <summary>Scores every complete window of a series; element i is the score of the window ending at row i (NaN before the first complete window).</summary>
    public double[] ScoreSeries(IReadOnlyList<double[]> rows)
    {
        int p = Properties.Count;
        int w = InputWindow;
        double[] scores = new double[rows.Count];
        double[] window = new double[w * p];
        for (int end = 0; end < rows.Count; end++)
        {
            if (end + 1 < w)
            {
                scores[end] = double.NaN;
                continue;
            }

            for (int r = 0; r < w; r++)
            {
                rows[end - w + 1 + r].AsSpan(0, p).CopyTo(window.AsSpan(r * p));
            }

            scores[end] = Score(window).Score;
        }

        return scores;
    }

    internal double Combine(double t2, double q) => Combination == StatisticCombination.Max
        ? Math.Max(t2 / T2Limit, q / QLimit)
        : t2 / T2Limit + q / QLimit;
}
