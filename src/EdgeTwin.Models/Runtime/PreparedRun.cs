using EdgeTwin.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace EdgeTwin.Models.Runtime;

/// <summary>
/// Pre-allocated input and output tensors for single-row inference on a <see cref="LoadedModel"/>: the caller
/// writes into <see cref="Input"/>, calls <see cref="Run"/>, and reads the outputs, with no per-call allocation
/// of tensors or buffers.
/// </summary>
public sealed class PreparedRun : IDisposable
{
    private readonly LoadedModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputValues;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputValues;
    private readonly float[][] _outputs;
    private readonly OrtIoBinding _binding;

    /// <summary>Allocates the tensors for <paramref name="model"/>.</summary>
    public PreparedRun(LoadedModel model)
    {
        _model = model;
        ManifestInput input = model.Manifest.Input;
        int p = input.Properties.Count;
        Input = new float[input.Window * p];
        long[] inputShape = input.Rank == 3 ? [1, input.Window, p] : [1, p];
        _inputNames = [input.Name];
        _inputValues = [OrtValue.CreateTensorValueFromMemory(Input, inputShape)];

        IReadOnlyList<ManifestOutput> outputs = model.Manifest.Outputs;
        _outputNames = outputs.Select(o => o.Name).ToArray();
        _outputs = new float[outputs.Count][];
        _outputValues = new OrtValue[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            int[] dims = model.Session.OutputMetadata[outputs[i].Name].Dimensions;
            long[] shape = new long[dims.Length];
            for (int d = 0; d < dims.Length; d++)
            {
                shape[d] = d == 0 ? 1 : dims[d] > 0 ? dims[d] : (outputs[i].IsScalar ? 1 : p);
            }

            _outputs[i] = new float[shape.Aggregate(1L, (a, v) => a * v)];
            _outputValues[i] = OrtValue.CreateTensorValueFromMemory(_outputs[i], shape);
        }

        // Bound once: each run then reads and writes the pinned buffers without marshalling names or values.
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(_inputNames[0], _inputValues[0]);
        for (int i = 0; i < _outputNames.Length; i++)
        {
            _binding.BindOutput(_outputNames[i], _outputValues[i]);
        }
    }

    /// <summary>The input buffer: [window, properties] row-major, oldest first.</summary>
    public float[] Input { get; }

    /// <summary>The model's manifest.</summary>
    public ModelManifest Manifest => _model.Manifest;

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    public void Run() => _model.Session.RunWithBinding(_runOptions, _binding);

    /// <summary>The buffer of the output with <paramref name="role"/>, or null when the model has none.</summary>
    public float[]? Output(string role)
    {
        for (int i = 0; i < _outputNames.Length; i++)
        {
            if (_model.Manifest.Outputs[i].Role == role)
            {
                return _outputs[i];
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (OrtValue v in _inputValues)
        {
            v.Dispose();
        }

        foreach (OrtValue v in _outputValues)
        {
            v.Dispose();
        }

        _runOptions.Dispose();
    }
}
