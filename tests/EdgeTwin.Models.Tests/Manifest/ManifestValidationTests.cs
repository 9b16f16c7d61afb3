using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using EdgeTwin.Models.Runtime;
using EdgeTwin.Models.Tests.Anomaly;

namespace EdgeTwin.Models.Tests.Manifest;

public sealed class ManifestValidationTests
{
    private static readonly Lazy<ExportedModel> Export = new(() =>
        PcaAnomalyExporter.Export(
            PcaAnomalyTrainer.Fit(SyntheticAsset.Properties, SyntheticAsset.Normal(300, 7), new AnomalyModelOptions { SmoothingPositions = 3 }),
            "m"));

    [Fact]
    public void WindowMismatch_IsAClearErrorNamingFileAndShapes()
    {
        ModelManifest manifest = Export.Value.Manifest with { Input = Export.Value.Manifest.Input with { Window = Export.Value.Manifest.Input.Window + 1 } };

        ManifestException ex = Assert.Throws<ManifestException>(() => LoadedModel.FromBytes(Export.Value.Onnx, manifest, "pump.onnx"));

        int w = Export.Value.Manifest.Input.Window;
        Assert.Equal("pump.onnx", ex.Path);
        Assert.Contains($"input 'x' has shape [?, {w}, 4], manifest declares [batch, {w + 1}, 4]", ex.Message);
    }

    [Fact]
    public void PropertyCountMismatch_IsRejected()
    {
        ManifestInput input = Export.Value.Manifest.Input with { Properties = ["a", "b", "c"], Normalization = null };
        ManifestException ex = Assert.Throws<ManifestException>(() => LoadedModel.FromBytes(Export.Value.Onnx, Export.Value.Manifest with { Input = input }, "pump.onnx"));
        Assert.Contains("3 properties", ex.Message);
    }

    [Fact]
    public void MissingOutputAndWrongInputName_AreRejected()
    {
        ModelManifest noOutput = Export.Value.Manifest with { Outputs = [new ManifestOutput("anomaly_score", ManifestOutput.ScoreRole)] };
        Assert.Contains("'anomaly_score'", Assert.Throws<ManifestException>(() => LoadedModel.FromBytes(Export.Value.Onnx, noOutput)).Message);

        ModelManifest wrongInput = Export.Value.Manifest with { Input = Export.Value.Manifest.Input with { Name = "input" } };
        Assert.Contains("model inputs are [x]", Assert.Throws<ManifestException>(() => LoadedModel.FromBytes(Export.Value.Onnx, wrongInput)).Message);
    }

    [Fact]
    public void ContributionsWithWrongRole_AreRejectedByShape()
    {
        ModelManifest m = Export.Value.Manifest with { Outputs = [new ManifestOutput("score", "score"), new ManifestOutput("contributions", ManifestOutput.RulRole)] };
        ManifestException ex = Assert.Throws<ManifestException>(() => LoadedModel.FromBytes(Export.Value.Onnx, m));
        Assert.Contains("output 'contributions' has shape [?, 4], role rul needs [batch] or [batch, 1]", ex.Message);
    }

    [Theory]
    [InlineData("{\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[]},\"outputs\":[{\"name\":\"y\",\"role\":\"score\"}]}", "input.properties")]
    [InlineData("{\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[\"a\"]},\"outputs\":[{\"name\":\"y\",\"role\":\"speed\"}]}", "unknown role 'speed'")]
    [InlineData("{\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[\"a\"]},\"outputs\":[{\"name\":\"y\",\"role\":\"t2\"}]}", "role score, probability or rul")]
    [InlineData("{\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[\"a\"],\"window\":0},\"outputs\":[{\"name\":\"y\",\"role\":\"score\"}]}", "input.window 0")]
    [InlineData("{\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[\"a\"],\"normalization\":{\"mean\":[0],\"std\":[0]}},\"outputs\":[{\"name\":\"y\",\"role\":\"score\"}]}", "std must be positive")]
    [InlineData("{\"format\":\"other/2\",\"kind\":\"custom\",\"input\":{\"name\":\"x\",\"properties\":[\"a\"]},\"outputs\":[{\"name\":\"y\",\"role\":\"score\"}]}", "format 'other/2'")]
    [InlineData("{\"kind\":\"custom\",\"input\":", "invalid manifest JSON")]
    public void InvalidManifests_GiveSpecificErrors(string json, string expected)
    {
        ManifestException ex = Assert.Throws<ManifestException>(() => ModelManifest.Parse(json, "byo.json"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("byo.json: ", ex.Message);
    }

    [Fact]
    public void FailedReplacement_KeepsTheOldModelInService()
    {
        using var slot = new ModelSlot<OnnxAnomalyScorer>();
        Assert.True(slot.TryReplace(() => OnnxAnomalyScorer.Create(Export.Value), out _));
        OnnxAnomalyScorer original = slot.Current!;
        ModelManifest bad = Export.Value.Manifest with { Input = Export.Value.Manifest.Input with { Window = 2 } };

        bool replaced = slot.TryReplace(() => OnnxAnomalyScorer.Create(Export.Value with { Manifest = bad }), out Exception? error);

        Assert.False(replaced);
        Assert.IsType<ManifestException>(error);
        Assert.Same(original, slot.Current);
        float[] window = new float[original.Window * 4];
        Assert.True(double.IsFinite(original.Score(window).Score));
    }

    [Fact]
    public void Load_ReportsMissingFilesByPath()
    {
        string onnx = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.onnx");
        ManifestException ex = Assert.Throws<ManifestException>(() => LoadedModel.Load(onnx));
        Assert.Equal(Path.ChangeExtension(onnx, ".json"), ex.Path);
    }

    [Fact]
    public void GarbageOnnxFile_IsAModelException()
    {
        Assert.ThrowsAny<ModelException>(() => LoadedModel.FromBytes([1, 2, 3, 4], Export.Value.Manifest, "junk.onnx"));
    }
}
