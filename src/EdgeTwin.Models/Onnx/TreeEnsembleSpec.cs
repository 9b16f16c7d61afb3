using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Onnx;

/// <summary>
/// A sum of regression trees in the flattened form of ai.onnx.ml TreeEnsembleRegressor: every node has a tree
/// id and a node id; branch nodes test x[feature] &lt;= threshold (BRANCH_LEQ) and go to the true or false child;
/// leaves add their weight. The prediction is <see cref="BaseValue"/> plus the sum of the reached leaves.
/// </summary>
public sealed class TreeEnsembleSpec
{
    private readonly List<Node> _nodes = new();

    /// <summary>Value added to every prediction.</summary>
    public float BaseValue { get; set; }

    /// <summary>Number of trees.</summary>
    public int TreeCount { get; private set; }

    /// <summary>Number of nodes over all trees.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Starts a new tree and returns its id; add its nodes with <see cref="AddBranch"/> and <see cref="AddLeaf"/>.</summary>
    public int BeginTree() => TreeCount++;

    /// <summary>Adds a branch node (x[feature] &lt;= threshold goes to <paramref name="trueNode"/>).</summary>
    public void AddBranch(int tree, int node, int feature, float threshold, int trueNode, int falseNode) =>
        _nodes.Add(new Node(tree, node, feature, threshold, trueNode, falseNode, IsLeaf: false, 0f));

    /// <summary>Adds a leaf node with its weight.</summary>
    public void AddLeaf(int tree, int node, float weight) =>
        _nodes.Add(new Node(tree, node, 0, 0f, 0, 0, IsLeaf: true, weight));

    /// <summary>The C# reference prediction for one feature vector (float comparisons, like ONNX Runtime).</summary>
    public float Predict(ReadOnlySpan<float> x)
    {
        Index();
        double sum = BaseValue;
        for (int t = 0; t < TreeCount; t++)
        {
            int i = _roots![t];
            while (!_nodes[i].IsLeaf)
            {
                Node n = _nodes[i];
                int child = x[n.Feature] <= n.Threshold ? n.True : n.False;
                i = _lookup![(t, child)];
            }

            sum += _nodes[i].Weight;
        }

        return (float)sum;
    }

    private int[]? _roots;
    private Dictionary<(int Tree, int Node), int>? _lookup;

    private void Index()
    {
        if (_lookup is not null && _lookup.Count == _nodes.Count)
        {
            return;
        }

        _lookup = new Dictionary<(int, int), int>(_nodes.Count);
        _roots = new int[TreeCount];
        Array.Fill(_roots, -1);
        for (int i = 0; i < _nodes.Count; i++)
        {
            Node n = _nodes[i];
            if (!_lookup.TryAdd((n.Tree, n.Id), i))
            {
                throw new OnnxFormatException($"tree {n.Tree}: node {n.Id} defined twice");
            }

            if (n.Id == 0)
            {
                _roots[n.Tree] = i;
            }
        }

        for (int t = 0; t < TreeCount; t++)
        {
            if (_roots[t] < 0)
            {
                throw new OnnxFormatException($"tree {t} has no root node 0");
            }
        }
    }

    internal IEnumerable<OnnxAttribute> ToAttributes()
    {
        Index();
        var leaves = _nodes.Where(n => n.IsLeaf).ToList();
        return
        [
            OnnxAttribute.Int("n_targets", 1),
            OnnxAttribute.String("aggregate_function", "SUM"),
            OnnxAttribute.String("post_transform", "NONE"),
            OnnxAttribute.FloatList("base_values", [BaseValue]),
            OnnxAttribute.IntList("nodes_treeids", _nodes.Select(n => (long)n.Tree)),
            OnnxAttribute.IntList("nodes_nodeids", _nodes.Select(n => (long)n.Id)),
            OnnxAttribute.IntList("nodes_featureids", _nodes.Select(n => (long)n.Feature)),
            OnnxAttribute.FloatList("nodes_values", _nodes.Select(n => n.Threshold)),
            OnnxAttribute.StringList("nodes_modes", _nodes.Select(n => n.IsLeaf ? "LEAF" : "BRANCH_LEQ")),
            OnnxAttribute.IntList("nodes_truenodeids", _nodes.Select(n => (long)n.True)),
            OnnxAttribute.IntList("nodes_falsenodeids", _nodes.Select(n => (long)n.False)),
            OnnxAttribute.IntList("target_treeids", leaves.Select(n => (long)n.Tree)),
            OnnxAttribute.IntList("target_nodeids", leaves.Select(n => (long)n.Id)),
            OnnxAttribute.IntList("target_ids", leaves.Select(_ => 0L)),
            OnnxAttribute.FloatList("target_weights", leaves.Select(n => n.Weight)),
        ];
    }

    private readonly record struct Node(int Tree, int Id, int Feature, float Threshold, int True, int False, bool IsLeaf, float Weight);
}
