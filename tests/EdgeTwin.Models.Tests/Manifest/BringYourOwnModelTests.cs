using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Onnx;
using EdgeTwin.Models.Onnx.Proto;

namespace EdgeTwin.Models.Tests.Manifest;

public sealed class BringYourOwnModelTests
{
    [Fact]
    public void ForeignRank2ModelWithScorerNormalisation_IsScoredAsDeclared()
    {
        // A model "from elsewhere": latest sample only, [batch, 3] input, score = Σ w_j x_j with w = (1, -1, 2),
        // expecting inputs already normalised by the scorer.
        var b = new OnnxGraphBuilder("foreign");
        string x = b.Input("input", OnnxDataType.Float, "batch", 3);
        b.MatMul(x, b.Constant("w", new float[] { 1, -1, 2 }, 3, 1), "anomaly_score");
        b.Output("anomaly_score", OnnxDataType.Float, "batch", 1);
        var manifest = new ModelManifest
        {
            Kind = "custom",
            Input = new ManifestInput
            {
                Name = "input",
                Properties = ["flow", "pressure", "current"],
                Window = 1,
                Rank = 2,
                Normalization = new ManifestNormalization { AppliedBy = NormalizationSite.Scorer, Mean = [10, 2, 5], Std = [2, 0.5, 1] },
            },
            Outputs = [new ManifestOutput("anomaly_score", ManifestOutput.ScoreRole)],
            Threshold = 3,
        };
        string json = manifest.ToJson();
        var export = new ExportedModel(b.Build().ToByteArray(), ModelManifest.Parse(json, "foreign.json"));

        using OnnxAnomalyScorer scorer = OnnxAnomalyScorer.Create(export, "foreign.onnx");
        AnomalyResult normal = scorer.Score([10f, 2f, 5f]);
        AnomalyResult abnormal = scorer.Score([12f, 1.5f, 7f]);   // z = (1, -1, 2): score 1 + 1 + 4 = 6

        Assert.Equal(0, normal.Score, 6);
        Assert.False(normal.IsAnomalous);
        Assert.Equal(6, abnormal.Score, 5);
        Assert.True(abnormal.IsAnomalous);
        Assert.True(double.IsNaN(abnormal.T2));
        Assert.True(scorer.Contributions.IsEmpty);
        Assert.Empty(scorer.TopContributors());
    }

    [Fact]
    public void ScoreOutputWithoutThreshold_IsRejectedAtLoad()
    {
        var b = new OnnxGraphBuilder("no-threshold");
        string x = b.Input("x", OnnxDataType.Float, "N", 1, 2);
        b.ReduceSum(x, [1, 2], keepDims: false, "s");
        b.Output("s", OnnxDataType.Float, "N");
        var manifest = new ModelManifest
        {
            Kind = "custom",
            Input = new ManifestInput { Name = "x", Properties = ["a", "b"] },
            Outputs = [new ManifestOutput("s", ManifestOutput.ScoreRole)],
        };

        var ex = Assert.Throws<EdgeTwin.Models.Errors.ManifestException>(() => OnnxAnomalyScorer.Create(new ExportedModel(b.Build().ToByteArray(), manifest), "nt.onnx"));
        Assert.Contains("needs a threshold", ex.Message);
    }
}
