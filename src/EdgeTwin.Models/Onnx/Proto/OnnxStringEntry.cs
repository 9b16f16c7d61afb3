using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>StringStringEntryProto: one key/value metadata pair.</summary>
public sealed class OnnxStringEntry : IOnnxMessage
{
    // onnx.proto StringStringEntryProto: key = 1, value = 2.
    private const int KeyField = 1;
    private const int ValueField = 2;

    /// <summary>Key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <inheritdoc />
    public int CalculateSize() => Wire.StringSize(KeyField, Key) + Wire.StringSize(ValueField, Value);

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WriteString(output, KeyField, Key);
        Wire.WriteString(output, ValueField, Value);
    }

    internal static OnnxStringEntry Parse(CodedInputStream input)
    {
        var result = new OnnxStringEntry();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case KeyField: result.Key = input.ReadString(); break;
                case ValueField: result.Value = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return result;
    }
}
