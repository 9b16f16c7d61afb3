namespace EdgeTwin.Models.Manifest;

/// <summary>An ONNX model and its manifest, in memory, as produced by an exporter.</summary>
/// <param name="Onnx">Serialised ONNX ModelProto.</param>
/// <param name="Manifest">Its manifest.</param>
public sealed record ExportedModel(byte[] Onnx, ModelManifest Manifest)
{
    /// <summary>Writes <c>baseName.onnx</c> and <c>baseName.json</c> into <paramref name="directory"/> (atomically each) and returns both paths.</summary>
    public (string OnnxPath, string ManifestPath) Save(string directory, string baseName)
    {
        Directory.CreateDirectory(directory);
        string onnxPath = Path.Combine(directory, baseName + ".onnx");
        string manifestPath = Path.Combine(directory, baseName + ".json");
        string temp = onnxPath + ".tmp";
        File.WriteAllBytes(temp, Onnx);
        File.Move(temp, onnxPath, overwrite: true);
        Manifest.Save(manifestPath);
        return (onnxPath, manifestPath);
    }

    /// <summary>The manifest path that goes with an ONNX file: same directory and base name, ".json".</summary>
    public static string ManifestPathFor(string onnxPath) => Path.ChangeExtension(onnxPath, ".json");
}
