using EdgeTwin.Models.Onnx;

namespace EdgeTwin.Models.Trees;

/// <summary>
/// Trains gradient-boosted regression trees with squared loss and histogram split search, directly into a
/// <see cref="TreeEnsembleSpec"/> (learning rate folded into the leaf values) ready for ONNX export.
/// </summary>
public static class GradientBoostingTrainer
{
    /// <summary>Trains the ensemble.</summary>
    /// <param name="rows">Feature rows (float32, as the model will see them).</param>
    /// <param name="targets">Regression targets.</param>
    /// <param name="options">Settings (null for defaults).</param>
    public static TreeEnsembleSpec Train(float[][] rows, double[] targets, GradientBoostingOptions? options = null)
    {
        options ??= new GradientBoostingOptions();
        if (rows.Length != targets.Length || rows.Length < 2 * options.MinLeafRows)
        {
            throw new ArgumentException($"{rows.Length} rows for {targets.Length} targets; at least {2 * options.MinLeafRows} rows are needed");
        }

        if (options.Bins is < 2 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Bins, "bins must be 2..255");
        }

        int n = rows.Length;
        int d = rows[0].Length;
        FeatureBinner binner = FeatureBinner.Fit(rows, d, options.Bins);
        byte[][] binned = new byte[d][];
        for (int j = 0; j < d; j++)
        {
            binned[j] = new byte[n];
            for (int i = 0; i < n; i++)
            {
                binned[j][i] = binner.Bin(j, rows[i][j]);
            }
        }

        double baseValue = targets.Average();
        var spec = new TreeEnsembleSpec { BaseValue = (float)baseValue };
        double[] prediction = new double[n];
        Array.Fill(prediction, (float)baseValue);
        double[] gradient = new double[n];
        var random = new Random(options.Seed);
        int sampleRows = Math.Max(2 * options.MinLeafRows, (int)(n * options.RowSubsample));
        int sampleFeatures = Math.Max(1, (int)Math.Round(d * options.FeatureSubsample));
        int[] all = Enumerable.Range(0, n).ToArray();
        int[] featureOrder = Enumerable.Range(0, d).ToArray();

        for (int t = 0; t < options.Trees; t++)
        {
            for (int i = 0; i < n; i++)
            {
                gradient[i] = prediction[i] - targets[i];
            }

            random.Shuffle(all);
            int[] sample = all[..sampleRows];
            random.Shuffle(featureOrder);
            int[] features = featureOrder[..sampleFeatures];
            int tree = spec.BeginTree();
            var nodes = new List<Node>();
            var builder = new TreeBuilder(binned, gradient, binner, options, features);
            builder.Build(sample, 0, nodes);
            foreach (Node node in nodes)
            {
                if (node.IsLeaf)
                {
                    spec.AddLeaf(tree, node.Id, (float)node.Value);
                }
                else
                {
                    spec.AddBranch(tree, node.Id, node.Feature, binner.Cuts[node.Feature][node.Bin], node.Left, node.Right);
                }
            }

            for (int i = 0; i < n; i++)
            {
                Node node = nodes[0];
                while (!node.IsLeaf)
                {
                    node = nodes[binned[node.Feature][i] <= node.Bin ? node.Left : node.Right];
                }

                prediction[i] += (float)node.Value;
            }
        }

        return spec;
    }

    private sealed class Node
    {
        public int Id;
        public bool IsLeaf;
        public double Value;
        public int Feature;
        public int Bin;
        public int Left;
        public int Right;
    }

    private sealed class TreeBuilder(byte[][] binned, double[] gradient, FeatureBinner binner, GradientBoostingOptions options, int[] features)
    {
        private readonly int _bins = options.Bins;

        public int Build(int[] rows, int depth, List<Node> nodes)
        {
            var node = new Node { Id = nodes.Count };
            nodes.Add(node);
            double g = 0;
            foreach (int i in rows)
            {
                g += gradient[i];
            }

            double lambda = options.L2;
            node.Value = -g / (rows.Length + lambda) * options.LearningRate;
            node.IsLeaf = true;
            if (depth >= options.MaxDepth || rows.Length < 2 * options.MinLeafRows)
            {
                return node.Id;
            }

            double parent = g * g / (rows.Length + lambda);
            var candidates = new (double Gain, int Feature, int Bin)[features.Length];
            Parallel.For(0, features.Length, k =>
            {
                int f = features[k];
                int cuts = binner.Cuts[f].Length;
                if (cuts == 0)
                {
                    candidates[k] = (0, f, -1);
                    return;
                }

                Span<double> gs = stackalloc double[_bins + 1];
                Span<int> cs = stackalloc int[_bins + 1];
                byte[] column = binned[f];
                foreach (int i in rows)
                {
                    gs[column[i]] += gradient[i];
                    cs[column[i]]++;
                }

                double bestGain = 0;
                int bestBin = -1;
                double gl = 0;
                int cl = 0;
                for (int b = 0; b < cuts; b++)
                {
                    gl += gs[b];
                    cl += cs[b];
                    int cr = rows.Length - cl;
                    if (cl < options.MinLeafRows)
                    {
                        continue;
                    }

                    if (cr < options.MinLeafRows)
                    {
                        break;
                    }

                    double gr = g - gl;
                    double gain = gl * gl / (cl + lambda) + gr * gr / (cr + lambda) - parent;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestBin = b;
                    }
                }

                candidates[k] = (bestGain, f, bestBin);
            });

            (double Gain, int Feature, int Bin) best = (0, -1, -1);
            foreach (var c in candidates)
            {
                if (c.Bin >= 0 && (c.Gain > best.Gain || (c.Gain == best.Gain && best.Bin >= 0 && c.Feature < best.Feature)))
                {
                    best = c;
                }
            }

            if (best.Bin < 0 || best.Gain <= 1e-12)
            {
                return node.Id;
            }

            byte[] split = binned[best.Feature];
            int[] left = rows.Where(i => split[i] <= best.Bin).ToArray();
            int[] right = rows.Where(i => split[i] > best.Bin).ToArray();
            node.IsLeaf = false;
            node.Feature = best.Feature;
            node.Bin = best.Bin;
            node.Left = Build(left, depth + 1, nodes);
            node.Right = Build(right, depth + 1, nodes);
            return node.Id;
        }
    }
}
