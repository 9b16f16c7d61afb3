using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace EdgeTwin.Models.Runtime;

/// <summary>
/// An ONNX Runtime session whose manifest has been validated against the file's declared shapes. Loading is
/// separate from putting the model into service: load the new model, and only on success swap it in (e.g. with
/// <see cref="ModelSlot{T}"/>), so a bad file leaves the old model running.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(InferenceSession session, ModelManifest manifest, string source)
    {
        Session = session;
        Manifest = manifest;
        Source = source;
    }

    /// <summary>The ONNX Runtime session.</summary>
    public InferenceSession Session { get; }

    /// <summary>The validated manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Where the model came from (file path or a label).</summary>
    public string Source { get; }

    /// <summary>Loads an ONNX file and its manifest (default: same base name with ".json") and validates them together.</summary>
    /// <exception cref="ManifestException">Missing files, an invalid manifest, or a shape mismatch (the message names the file).</exception>
    /// <exception cref="ModelException">ONNX Runtime rejected the file.</exception>
    public static LoadedModel Load(string onnxPath, string? manifestPath = null)
    {
        manifestPath ??= ExportedModel.ManifestPathFor(onnxPath);
        ModelManifest manifest = ModelManifest.Load(manifestPath);
        if (!File.Exists(onnxPath))
        {
            throw new ManifestException(onnxPath, "model file not found");
        }

        return Create(() => new InferenceSession(onnxPath, SessionOptionsForEdge()), manifest, onnxPath);
    }

    /// <summary>Loads a model from memory.</summary>
    public static LoadedModel FromBytes(byte[] onnx, ModelManifest manifest, string label = "<memory>")
    {
        manifest.Validate(label);
        return Create(() => new InferenceSession(onnx, SessionOptionsForEdge()), manifest, label);
    }

    /// <summary>Loads an exported model from memory.</summary>
    public static LoadedModel FromExport(ExportedModel model, string label = "<memory>") => FromBytes(model.Onnx, model.Manifest, label);

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();

    private static LoadedModel Create(Func<InferenceSession> open, ModelManifest manifest, string source)
    {
        InferenceSession session;
        try
        {
            session = open();
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelException($"{source}: ONNX Runtime cannot load the model: {ex.Message}", ex);
        }

        try
        {
            ManifestValidator.Validate(manifest, session.InputMetadata, session.OutputMetadata, source);
            return new LoadedModel(session, manifest, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static SessionOptions SessionOptionsForEdge()
    {
        // One intra-op thread: models are tiny and the gateway runs many assets on few cores.
        return new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
    }
}
