using System.Globalization;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Onnx;

/// <summary>
/// Builds an ONNX graph one operator at a time. Each operator method returns the name of the value it produces,
/// so graphs read like the arithmetic they compute. Default opsets: ai.onnx 17, ai.onnx.ml 3 (added only when used).
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ai.onnx.ml operator domain.</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly OnnxGraph _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly long _opset;
    private bool _usesMl;
    private int _counter;

    /// <summary>Starts a graph.</summary>
    /// <param name="graphName">Graph name.</param>
    /// <param name="opset">ai.onnx opset version (13 or later: ReduceSum takes axes as an input).</param>
    public OnnxGraphBuilder(string graphName, long opset = 17)
    {
        if (opset < 13)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset, "opset 13 or later is required");
        }

        _graph = new OnnxGraph { Name = graphName };
        _opset = opset;
    }

    /// <summary>Declares a graph input and returns its name.</summary>
    public string Input(string name, OnnxDataType type, params OnnxDimension[] dims)
    {
        Claim(name);
        _graph.Inputs.Add(OnnxValueInfo.Tensor(name, type, dims));
        return name;
    }

    /// <summary>Adds a float constant and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        Claim(name);
        _graph.Initializers.Add(OnnxTensor.FromFloats(name, values, dims));
        return name;
    }

    /// <summary>Adds a float constant given as doubles (narrowed to float) and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<double> values, params long[] dims)
    {
        float[] f = new float[values.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = (float)values[i];
        }

        return Constant(name, f, dims);
    }

    /// <summary>Adds an int64 constant and returns its name.</summary>
    public string ConstantInt64(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        Claim(name);
        _graph.Initializers.Add(OnnxTensor.FromInt64s(name, values, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output with the given shape.</summary>
    public void Output(string value, OnnxDataType type, params OnnxDimension[] dims)
    {
        if (!_names.Contains(value))
        {
            throw new OnnxFormatException($"output '{value}' is not produced by any node or input");
        }

        _graph.Outputs.Add(OnnxValueInfo.Tensor(value, type, dims));
    }

    /// <summary>Adds any node and returns its first output name.</summary>
    /// <param name="opType">Operator type.</param>
    /// <param name="inputs">Input value names ("" for an omitted optional input).</param>
    /// <param name="output">Output name, or null for a generated one.</param>
    /// <param name="attributes">Attributes.</param>
    /// <param name="domain">Operator domain ("" for ai.onnx).</param>
    public string Node(string opType, IReadOnlyList<string> inputs, string? output = null, IEnumerable<OnnxAttribute>? attributes = null, string domain = "")
    {
        foreach (string input in inputs)
        {
            if (input.Length > 0 && !_names.Contains(input))
            {
                throw new OnnxFormatException($"{opType}: input '{input}' is not defined yet");
            }
        }

        string name = output ?? Fresh(opType);
        Claim(name);
        var node = new OnnxNode { OpType = opType, Name = name + "_node", Domain = domain };
        node.Inputs.AddRange(inputs);
        node.Outputs.Add(name);
        if (attributes is not null)
        {
            node.Attributes.AddRange(attributes);
        }

        if (domain == MlDomain)
        {
            _usesMl = true;
        }

        _graph.Nodes.Add(node);
        return name;
    }

    /// <summary>Matrix product with numpy broadcasting.</summary>
    public string MatMul(string a, string b, string? output = null) => Node("MatMul", [a, b], output);

    /// <summary>Element-wise a + b.</summary>
    public string Add(string a, string b, string? output = null) => Node("Add", [a, b], output);

    /// <summary>Element-wise a - b.</summary>
    public string Sub(string a, string b, string? output = null) => Node("Sub", [a, b], output);

    /// <summary>Element-wise a * b.</summary>
    public string Mul(string a, string b, string? output = null) => Node("Mul", [a, b], output);

    /// <summary>Element-wise a / b.</summary>
    public string Div(string a, string b, string? output = null) => Node("Div", [a, b], output);

    /// <summary>Element-wise square root.</summary>
    public string Sqrt(string x, string? output = null) => Node("Sqrt", [x], output);

    /// <summary>Element-wise max(x, 0).</summary>
    public string Relu(string x, string? output = null) => Node("Relu", [x], output);

    /// <summary>Element-wise tanh.</summary>
    public string Tanh(string x, string? output = null) => Node("Tanh", [x], output);

    /// <summary>Element-wise maximum of two values.</summary>
    public string Max(string a, string b, string? output = null) => Node("Max", [a, b], output);

    /// <summary>Copies a value under a new name (used to name graph outputs).</summary>
    public string Identity(string x, string output) => Node("Identity", [x], output);

    /// <summary>Sum over <paramref name="axes"/> (axes as an int64 input, opset 13+).</summary>
    public string ReduceSum(string x, long[] axes, bool keepDims, string? output = null)
    {
        string axesName = ConstantInt64(Fresh("axes"), axes, axes.Length);
        return Node("ReduceSum", [x, axesName], output, [OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
    }

    /// <summary>Mean over <paramref name="axes"/> (axes attribute; input form from opset 18).</summary>
    public string ReduceMean(string x, long[] axes, bool keepDims, string? output = null)
    {
        if (_opset >= 18)
        {
            string axesName = ConstantInt64(Fresh("axes"), axes, axes.Length);
            return Node("ReduceMean", [x, axesName], output, [OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
        }

        return Node("ReduceMean", [x], output, [OnnxAttribute.IntList("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
    }

    /// <summary>Reshape to a fixed shape (-1 infers one dimension, 0 copies the input's).</summary>
    public string Reshape(string x, long[] shape, string? output = null)
    {
        string shapeName = ConstantInt64(Fresh("shape"), shape, shape.Length);
        return Node("Reshape", [x, shapeName], output);
    }

    /// <summary>Y = alpha * A' * B' + beta * C, with A' and B' optionally transposed.</summary>
    public string Gemm(string a, string b, string? c, float alpha = 1f, float beta = 1f, bool transA = false, bool transB = false, string? output = null) =>
        Node("Gemm", c is null ? [a, b] : [a, b, c], output,
        [
            OnnxAttribute.Float("alpha", alpha),
            OnnxAttribute.Float("beta", beta),
            OnnxAttribute.Int("transA", transA ? 1 : 0),
            OnnxAttribute.Int("transB", transB ? 1 : 0),
        ]);

    /// <summary>Concatenates along <paramref name="axis"/>.</summary>
    public string Concat(long axis, IReadOnlyList<string> inputs, string? output = null) =>
        Node("Concat", inputs, output, [OnnxAttribute.Int("axis", axis)]);

    /// <summary>ai.onnx.ml TreeEnsembleRegressor (opset 3) from a flattened tree description.</summary>
    public string TreeEnsembleRegressor(string x, TreeEnsembleSpec trees, string? output = null) =>
        Node("TreeEnsembleRegressor", [x], output, trees.ToAttributes(), MlDomain);

    /// <summary>Finishes the model.</summary>
    /// <param name="producerName">Producer recorded in the file.</param>
    /// <param name="producerVersion">Producer version.</param>
    /// <param name="docString">Model documentation.</param>
    /// <param name="metadata">Metadata key/value pairs.</param>
    public OnnxModel Build(string producerName = "EdgeTwin", string producerVersion = "0.1.0", string docString = "", IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (_graph.Outputs.Count == 0)
        {
            throw new OnnxFormatException($"graph '{_graph.Name}' has no outputs");
        }

        var model = new OnnxModel
        {
            IrVersion = 8,
            ProducerName = producerName,
            ProducerVersion = producerVersion,
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImports.Add(new OnnxOperatorSetId { Domain = string.Empty, Version = _opset });
        if (_usesMl)
        {
            model.OpsetImports.Add(new OnnxOperatorSetId { Domain = MlDomain, Version = 3 });
        }

        if (metadata is not null)
        {
            foreach (KeyValuePair<string, string> kv in metadata)
            {
                model.MetadataProps.Add(new OnnxStringEntry { Key = kv.Key, Value = kv.Value });
            }
        }

        return model;
    }

    private string Fresh(string stem)
    {
        string name;
        do
        {
            name = stem.ToLowerInvariant() + "_" + (++_counter).ToString(CultureInfo.InvariantCulture);
        }
        while (_names.Contains(name));

        return name;
    }

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new OnnxFormatException("value names must not be empty");
        }

        if (!_names.Add(name))
        {
            throw new OnnxFormatException($"value '{name}' is defined twice");
        }
    }
}
