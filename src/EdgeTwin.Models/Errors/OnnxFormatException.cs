namespace EdgeTwin.Models.Errors;

/// <summary>An ONNX protobuf stream is malformed or exceeds the reader's limits.</summary>
public sealed class OnnxFormatException : ModelException
{
    /// <summary>Creates the exception with a message naming what was wrong and where.</summary>
    public OnnxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public OnnxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
