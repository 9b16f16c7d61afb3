using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeTwin.Models.Runtime;

/// <summary>Checks a manifest against the input and output shapes an ONNX file declares.</summary>
public static class ManifestValidator
{
    /// <summary>Validates <paramref name="manifest"/> against the session's metadata.</summary>
    /// <param name="manifest">The (self-consistent) manifest.</param>
    /// <param name="inputs">The model's declared inputs.</param>
    /// <param name="outputs">The model's declared outputs.</param>
    /// <param name="path">The ONNX file name for messages.</param>
    /// <exception cref="ManifestException">A name, type or shape does not match; the message names the file and both shapes.</exception>
    public static void Validate(ModelManifest manifest, IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, NodeMetadata> outputs, string path)
    {
        ManifestInput input = manifest.Input;
        int p = input.Properties.Count;
        if (inputs.Count != 1 || !inputs.TryGetValue(input.Name, out NodeMetadata? meta))
        {
            throw new ManifestException(path, $"model inputs are [{string.Join(", ", inputs.Keys)}], manifest declares the single input '{input.Name}'");
        }

        RequireFloatTensor(meta, $"input '{input.Name}'", path);
        long[] expected = input.Rank == 3 ? [-1, input.Window, p] : [-1, p];
        CheckShape(meta.Dimensions, expected, $"input '{input.Name}'", $"window {input.Window} x {p} properties", path);

        foreach (ManifestOutput o in manifest.Outputs)
        {
            if (!outputs.TryGetValue(o.Name, out NodeMetadata? om))
            {
                throw new ManifestException(path, $"manifest output '{o.Name}' ({o.Role}) is not among the model outputs [{string.Join(", ", outputs.Keys)}]");
            }

            RequireFloatTensor(om, $"output '{o.Name}'", path);
            int[] dims = om.Dimensions;
            bool ok = o.IsScalar
                ? dims.Length == 1 || (dims.Length == 2 && dims[1] is 1 or -1)
                : dims.Length == 2 && dims[1] is -1 || (dims.Length == 2 && dims[1] == p);
            if (!ok)
            {
                string want = o.IsScalar ? "[batch] or [batch, 1]" : $"[batch, {p}]";
                throw new ManifestException(path, $"output '{o.Name}' has shape {Format(dims)}, role {o.Role} needs {want}");
            }
        }
    }

    private static void RequireFloatTensor(NodeMetadata meta, string what, string path)
    {
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            throw new ManifestException(path, $"{what} must be a float32 tensor, the model declares {(meta.IsTensor ? meta.ElementDataType.ToString() : "a non-tensor value")}");
        }
    }

    private static void CheckShape(int[] actual, long[] expected, string what, string meaning, string path)
    {
        bool ok = actual.Length == expected.Length;
        for (int i = 0; ok && i < actual.Length; i++)
        {
            // -1 in the model is a symbolic dimension (accepted); -1 in the expectation is the batch (any size).
            ok = actual[i] == -1 || expected[i] == -1 || actual[i] == expected[i];
        }

        if (!ok)
        {
            throw new ManifestException(path, $"{what} has shape {Format(actual)}, manifest declares {Format(expected)} ({meaning})");
        }
    }

    internal static string Format(IEnumerable<int> dims) => "[" + string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    internal static string Format(IEnumerable<long> dims) => "[" + string.Join(", ", dims.Select(d => d < 0 ? "batch" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
