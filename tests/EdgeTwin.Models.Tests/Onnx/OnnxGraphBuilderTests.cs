using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void ElementwiseAndMatrixOps_MatchHandComputedValuesInOnnxRuntime()
    {
        var b = new OnnxGraphBuilder("ops");
        string x = b.Input("x", OnnxDataType.Float, "N", 2);
        string w = b.Constant("w", new float[] { 1, 2, 3, 4 }, 2, 2);
        string c = b.Constant("c", new float[] { 10, 20 }, 1, 2);
        string two = b.Constant("two", new float[] { 2 }, 1);
        string mm = b.MatMul(x, w);                    // [x0 + 3 x1, 2 x0 + 4 x1]
        string added = b.Add(mm, c);
        string sub = b.Sub(added, two);
        string mul = b.Mul(sub, two);
        string div = b.Div(mul, two);                  // back to sub
        string relu = b.Relu(b.Sub(x, two));
        string tanh = b.Tanh(x);
        string sq = b.Sqrt(b.Mul(x, x));               // |x|
        string sum = b.ReduceSum(div, [1], keepDims: false);
        string gemm = b.Gemm(x, w, c, alpha: 0.5f, beta: 2f, transB: true);
        string cat = b.Concat(1, [x, sq]);
        b.Identity(div, "lin");
        b.Identity(relu, "relu");
        b.Identity(tanh, "tanh");
        b.Identity(sq, "abs");
        b.Identity(sum, "sum");
        b.Identity(gemm, "gemm");
        b.Identity(cat, "cat");
        foreach (string name in new[] { "lin", "relu", "tanh", "abs", "gemm" })
        {
            b.Output(name, OnnxDataType.Float, "N", 2);
        }

        b.Output("sum", OnnxDataType.Float, "N");
        b.Output("cat", OnnxDataType.Float, "N", 4);
        byte[] bytes = b.Build().ToByteArray();

        var result = OrtRunner.Run(bytes, ("x", new float[] { 1, -2, 3, 0.5f }, new[] { 2, 2 }));

        // Row (1,-2): x*W = (1-6, 2-8) = (-5,-6); +c = (5,14); -2 = (3,12). Row (3,0.5): (4.5, 8) + c - 2 = (12.5, 26).
        AssertClose(new float[] { 3, 12, 12.5f, 26 }, result["lin"]);
        AssertClose(new float[] { 0, 0, 1, 0 }, result["relu"]);
        AssertClose(new[] { MathF.Tanh(1), MathF.Tanh(-2), MathF.Tanh(3), MathF.Tanh(0.5f) }, result["tanh"]);
        AssertClose(new float[] { 1, 2, 3, 0.5f }, result["abs"]);
        AssertClose(new float[] { 15, 38.5f }, result["sum"]);

        // Gemm with transB: 0.5 * x * W' + 2c. Row (1,-2): W' rows (1,3),(2,4) -> (1-4, 3-8)=(-3,-5) -> (-1.5+20, -2.5+40).
        AssertClose(new float[] { 18.5f, 37.5f, 0.5f * 4f + 20, 0.5f * 11f + 40 }, result["gemm"]);
        AssertClose(new float[] { 1, -2, 1, 2, 3, 0.5f, 3, 0.5f }, result["cat"]);
    }

    [Fact]
    public void TreeEnsemble_MatchesReferencePredictionInOnnxRuntime()
    {
        var trees = new TreeEnsembleSpec { BaseValue = 1.5f };
        int t0 = trees.BeginTree();
        trees.AddBranch(t0, 0, feature: 0, threshold: 0.5f, trueNode: 1, falseNode: 2);
        trees.AddLeaf(t0, 1, -1f);
        trees.AddBranch(t0, 2, feature: 1, threshold: 10f, trueNode: 3, falseNode: 4);
        trees.AddLeaf(t0, 3, 2f);
        trees.AddLeaf(t0, 4, 5f);
        int t1 = trees.BeginTree();
        trees.AddBranch(t1, 0, feature: 1, threshold: 0f, trueNode: 1, falseNode: 2);
        trees.AddLeaf(t1, 1, 0.25f);
        trees.AddLeaf(t1, 2, -0.25f);

        var b = new OnnxGraphBuilder("trees");
        string x = b.Input("x", OnnxDataType.Float, "N", 2);
        b.TreeEnsembleRegressor(x, trees, "y");
        b.Output("y", OnnxDataType.Float, "N", 1);
        byte[] bytes = b.Build().ToByteArray();

        float[] data = { 0.5f, -1f, 0.6f, 10f, 2f, 11f };
        var result = OrtRunner.Run(bytes, ("x", data, new[] { 3, 2 }));

        // Hand-checked: (0.5,-1) -> -1 + 0.25; (0.6,10) -> 2 - 0.25; (2,11) -> 5 - 0.25; all + 1.5.
        var expected = new[] { 0.75f, 3.25f, 6.25f };
        AssertClose(expected, result["y"]);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], trees.Predict(data.AsSpan(i * 2, 2)), 5);
        }
    }

    [Fact]
    public void SerialisedModel_ParsesBackToTheSameGraph()
    {
        var b = new OnnxGraphBuilder("round-trip");
        string x = b.Input("x", OnnxDataType.Float, "N", 3);
        string w = b.Constant("w", new float[] { 1, 2, 3 }, 3, 1);
        b.MatMul(x, w, "y");
        b.Output("y", OnnxDataType.Float, "N", 1);
        OnnxModel model = b.Build(docString: "doc", metadata: new Dictionary<string, string> { ["kind"] = "test" });
        byte[] bytes = model.ToByteArray();

        OnnxModel parsed = OnnxModel.Parse(bytes);

        Assert.Equal(8, parsed.IrVersion);
        Assert.Equal(17, parsed.OpsetImports.Single().Version);
        Assert.Equal("doc", parsed.DocString);
        Assert.Equal("test", parsed.MetadataProps.Single(e => e.Key == "kind").Value);
        Assert.Equal("MatMul", parsed.Graph.Nodes.Single().OpType);
        Assert.Equal(new[] { "x", "w" }, parsed.Graph.Nodes[0].Inputs);
        Assert.Equal(new float[] { 1, 2, 3 }, parsed.Graph.Initializers.Single().FloatData);
        Assert.Equal(new long[] { 3, 1 }, parsed.Graph.Initializers[0].Dims);
        OnnxValueInfo input = parsed.Graph.Inputs.Single();
        Assert.Equal("x", input.Name);
        Assert.Equal("N", input.Shape![0].Param);
        Assert.Equal(3, input.Shape[1].Value);
        Assert.Equal(bytes, parsed.ToByteArray());
    }

    [Fact]
    public void Parse_RejectsTruncatedAndOversizedInput()
    {
        var b = new OnnxGraphBuilder("g");
        string x = b.Input("x", OnnxDataType.Float, 1, 2);
        b.Identity(x, "y");
        b.Output("y", OnnxDataType.Float, 1, 2);
        byte[] bytes = b.Build().ToByteArray();

        Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(bytes, new OnnxReadLimits(bytes.Length - 1, 100, 16)));
        var tight = new OnnxReadLimits(1 << 20, 100, 1);
        OnnxFormatException deep = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(bytes, tight));
        Assert.Contains("nesting", deep.Message);
    }

    [Fact]
    public void Builder_RejectsUndefinedInputsAndDuplicateNames()
    {
        var b = new OnnxGraphBuilder("g");
        string x = b.Input("x", OnnxDataType.Float, 1);
        Assert.Throws<OnnxFormatException>(() => b.Add(x, "nope"));
        Assert.Throws<OnnxFormatException>(() => b.Input("x", OnnxDataType.Float, 1));
        Assert.Throws<OnnxFormatException>(() => b.Build());
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
