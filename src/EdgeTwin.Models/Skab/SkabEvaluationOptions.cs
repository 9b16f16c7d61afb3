using EdgeTwin.Models.Anomaly;

namespace EdgeTwin.Models.Skab;

/// <summary>How <see cref="SkabEvaluator"/> runs the benchmark.</summary>
public sealed record SkabEvaluationOptions
{
    /// <summary>Rows at the start of each file used for learning (SKAB's protocol: 400).</summary>
    public int TrainingRows { get; init; } = 400;

    /// <summary>Model options.</summary>
    public AnomalyModelOptions Model { get; init; } = new();

    /// <summary>Score through the exported ONNX model in ONNX Runtime (true) or the C# reference (false).</summary>
    public bool UseOnnxRuntime { get; init; } = true;
}
