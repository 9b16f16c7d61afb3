using EdgeTwin.Models.Errors;
using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>Small helpers shared by the hand-written ONNX messages (field numbers come from onnx.proto).</summary>
internal static class Wire
{
    public static int TagSize(int field) => CodedOutputStream.ComputeTagSize(field);

    public static int StringSize(int field, string? value) =>
        string.IsNullOrEmpty(value) ? 0 : TagSize(field) + CodedOutputStream.ComputeStringSize(value);

    public static void WriteString(CodedOutputStream output, int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    public static int MessageSize(int field, IOnnxMessage message)
    {
        int size = message.CalculateSize();
        return TagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;
    }

    public static void WriteMessage(CodedOutputStream output, int field, IOnnxMessage message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(message.CalculateSize());
        message.WriteTo(output);
    }

    public static int Int64Size(int field, long value) => TagSize(field) + CodedOutputStream.ComputeInt64Size(value);

    public static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    public static int PackedInt64Size(int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        int payload = 0;
        foreach (long v in values)
        {
            payload += CodedOutputStream.ComputeInt64Size(v);
        }

        return TagSize(field) + CodedOutputStream.ComputeLengthSize(payload) + payload;
    }

    public static void WritePackedInt64(CodedOutputStream output, int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        int payload = 0;
        foreach (long v in values)
        {
            payload += CodedOutputStream.ComputeInt64Size(v);
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(payload);
        foreach (long v in values)
        {
            output.WriteInt64(v);
        }
    }

    public static int PackedFloatSize(int field, IReadOnlyList<float> values) =>
        values.Count == 0 ? 0 : TagSize(field) + CodedOutputStream.ComputeLengthSize(values.Count * 4) + values.Count * 4;

    public static void WritePackedFloat(CodedOutputStream output, int field, IReadOnlyList<float> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(values.Count * 4);
        foreach (float v in values)
        {
            output.WriteFloat(v);
        }
    }

    /// <summary>Reads a nested message's bytes; the stream's own limits bound the length.</summary>
    public static CodedInputStream Nested(CodedInputStream input, OnnxReadLimits limits, int depth, string what)
    {
        if (depth > limits.MaxDepth)
        {
            throw new OnnxFormatException($"{what}: nesting deeper than {limits.MaxDepth}");
        }

        ByteString bytes = input.ReadBytes();
        return new CodedInputStream(bytes.ToByteArray());
    }

    /// <summary>Reads one element or a packed run of int64 into <paramref name="target"/>, bounded by the limits.</summary>
    public static void ReadInt64s(CodedInputStream input, uint tag, List<long> target, OnnxReadLimits limits, string what)
    {
        if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
        {
            var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (!packed.IsAtEnd)
            {
                Add(target, packed.ReadInt64(), limits, what);
            }
        }
        else
        {
            Add(target, input.ReadInt64(), limits, what);
        }
    }

    /// <summary>Reads one element or a packed run of floats into <paramref name="target"/>, bounded by the limits.</summary>
    public static void ReadFloats(CodedInputStream input, uint tag, List<float> target, OnnxReadLimits limits, string what)
    {
        if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
        {
            var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (!packed.IsAtEnd)
            {
                Add(target, packed.ReadFloat(), limits, what);
            }
        }
        else
        {
            Add(target, input.ReadFloat(), limits, what);
        }
    }

    public static void Add<T>(List<T> target, T value, OnnxReadLimits limits, string what)
    {
        if (target.Count >= limits.MaxRepeated)
        {
            throw new OnnxFormatException($"{what}: more than {limits.MaxRepeated} elements");
        }

        target.Add(value);
    }
}
