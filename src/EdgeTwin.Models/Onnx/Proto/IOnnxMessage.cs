using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>One ONNX protobuf message of the subset we author: it knows its size and writes itself.</summary>
public interface IOnnxMessage
{
    /// <summary>Serialised size in bytes, without a tag or length prefix.</summary>
    int CalculateSize();

    /// <summary>Writes the message's fields (no tag or length prefix).</summary>
    void WriteTo(CodedOutputStream output);
}
