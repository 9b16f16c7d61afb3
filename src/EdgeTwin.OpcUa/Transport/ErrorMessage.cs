using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>A fatal transport error with its reason (OPC 10000-6 §7.1.2.5); also the body of an abort chunk.</summary>
public sealed record ErrorMessage(StatusCode Error, string? Reason)
{
    /// <summary>Writes the body.</summary>
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(Error);
        encoder.WriteString(Reason);
    }

    /// <summary>Reads the body.</summary>
    public static ErrorMessage Decode(BinaryDecoder decoder) => new(decoder.ReadStatusCode(), decoder.ReadString());

    /// <summary>The exception this error stands for.</summary>
    public OpcUaException ToException(string context) =>
        new(Error, string.IsNullOrEmpty(Reason) ? context : $"{context}: {Reason}");
}
