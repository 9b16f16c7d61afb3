namespace EdgeTwin.Models.Errors;

/// <summary>A model manifest is invalid or does not match its ONNX file; the message names the file and the field or shape.</summary>
public sealed class ManifestException : ModelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The manifest or model file concerned (may be empty for in-memory manifests).</param>
    /// <param name="message">What is wrong.</param>
    public ManifestException(string path, string message)
        : base(string.IsNullOrEmpty(path) ? message : $"{path}: {message}")
    {
        Path = path;
    }

    /// <summary>Creates the exception with the underlying cause.</summary>
    public ManifestException(string path, string message, Exception innerException)
        : base(string.IsNullOrEmpty(path) ? message : $"{path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>The file the error is about.</summary>
    public string Path { get; }
}
