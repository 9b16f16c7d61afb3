namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>Bounds applied when decoding an ONNX protobuf stream; every length read is checked against them.</summary>
/// <param name="MaxBytes">Largest model file accepted.</param>
/// <param name="MaxRepeated">Largest number of elements in any repeated field.</param>
/// <param name="MaxDepth">Deepest message nesting accepted.</param>
public readonly record struct OnnxReadLimits(int MaxBytes, int MaxRepeated, int MaxDepth)
{
    /// <summary>Defaults suitable for edge models: 64 MiB, 16 M elements per field, depth 16.</summary>
    public static OnnxReadLimits Default => new(64 * 1024 * 1024, 16 * 1024 * 1024, 16);
}
