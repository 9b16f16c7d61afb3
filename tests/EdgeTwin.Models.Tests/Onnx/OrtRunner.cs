using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeTwin.Models.Tests.Onnx;

/// <summary>Test helper: runs a serialised model once in ONNX Runtime with float inputs.</summary>
internal static class OrtRunner
{
    public static Dictionary<string, float[]> Run(byte[] model, params (string Name, float[] Data, int[] Dims)[] inputs)
    {
        using var session = new InferenceSession(model);
        var values = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(i.Data, i.Dims))).ToList();
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(values);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }
}
