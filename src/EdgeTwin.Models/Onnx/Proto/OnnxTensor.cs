using System.Buffers.Binary;
using EdgeTwin.Models.Errors;
using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>
/// TensorProto subset: a named dense tensor of float, int64 or double. Floats and doubles are written as
/// little-endian raw_data; int64 as packed int64_data. Reading accepts both raw_data and the typed fields.
/// </summary>
public sealed class OnnxTensor : IOnnxMessage
{
    // onnx.proto TensorProto: dims = 1, data_type = 2, float_data = 4, int64_data = 7, name = 8,
    // raw_data = 9, double_data = 10, doc_string = 12.
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int FloatDataField = 4;
    private const int Int64DataField = 7;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int DoubleDataField = 10;
    private const int DocField = 12;

    /// <summary>Tensor name (the initializer name in a graph).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Element type.</summary>
    public OnnxDataType DataType { get; set; } = OnnxDataType.Float;

    /// <summary>Shape.</summary>
    public List<long> Dims { get; set; } = new();

    /// <summary>Float elements (row-major), used when <see cref="DataType"/> is Float.</summary>
    public List<float> FloatData { get; set; } = new();

    /// <summary>Int64 elements, used when <see cref="DataType"/> is Int64.</summary>
    public List<long> Int64Data { get; set; } = new();

    /// <summary>Double elements, used when <see cref="DataType"/> is Double.</summary>
    public List<double> DoubleData { get; set; } = new();

    /// <summary>Documentation.</summary>
    public string DocString { get; set; } = string.Empty;

    /// <summary>Number of elements implied by <see cref="Dims"/>.</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Dims)
            {
                n *= d;
            }

            return n;
        }
    }

    /// <summary>A float tensor.</summary>
    public static OnnxTensor FromFloats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var t = new OnnxTensor { Name = name, DataType = OnnxDataType.Float, Dims = new List<long>(dims) };
        t.FloatData.AddRange(values.ToArray());
        t.CheckCount();
        return t;
    }

    /// <summary>An int64 tensor.</summary>
    public static OnnxTensor FromInt64s(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var t = new OnnxTensor { Name = name, DataType = OnnxDataType.Int64, Dims = new List<long>(dims) };
        t.Int64Data.AddRange(values.ToArray());
        t.CheckCount();
        return t;
    }

    /// <inheritdoc />
    public int CalculateSize()
    {
        int size = Wire.PackedInt64Size(DimsField, Dims)
            + Wire.Int64Size(DataTypeField, (long)DataType)
            + Wire.StringSize(NameField, Name)
            + Wire.StringSize(DocField, DocString);
        int raw = RawLength();
        if (raw > 0)
        {
            size += Wire.TagSize(RawDataField) + CodedOutputStream.ComputeLengthSize(raw) + raw;
        }
        else if (DataType == OnnxDataType.Int64)
        {
            size += Wire.PackedInt64Size(Int64DataField, Int64Data);
        }

        return size;
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WritePackedInt64(output, DimsField, Dims);
        Wire.WriteInt64(output, DataTypeField, (long)DataType);
        Wire.WriteString(output, NameField, Name);
        int raw = RawLength();
        if (raw > 0)
        {
            byte[] bytes = new byte[raw];
            if (DataType == OnnxDataType.Float)
            {
                for (int i = 0; i < FloatData.Count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), FloatData[i]);
                }
            }
            else
            {
                for (int i = 0; i < DoubleData.Count; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), DoubleData[i]);
                }
            }

            output.WriteTag(RawDataField, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(bytes));
        }
        else if (DataType == OnnxDataType.Int64)
        {
            Wire.WritePackedInt64(output, Int64DataField, Int64Data);
        }

        Wire.WriteString(output, DocField, DocString);
    }

    private int RawLength() => DataType switch
    {
        OnnxDataType.Float => FloatData.Count * 4,
        OnnxDataType.Double => DoubleData.Count * 8,
        _ => 0,
    };

    private void CheckCount()
    {
        long expected = ElementCount;
        long actual = DataType switch
        {
            OnnxDataType.Float => FloatData.Count,
            OnnxDataType.Int64 => Int64Data.Count,
            OnnxDataType.Double => DoubleData.Count,
            _ => 0,
        };
        if (expected != actual)
        {
            throw new OnnxFormatException($"tensor '{Name}': shape [{string.Join(",", Dims)}] needs {expected} elements, got {actual}");
        }
    }

    internal static OnnxTensor Parse(CodedInputStream input, OnnxReadLimits limits)
    {
        var t = new OnnxTensor();
        ByteString? raw = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DimsField: Wire.ReadInt64s(input, tag, t.Dims, limits, "TensorProto.dims"); break;
                case DataTypeField: t.DataType = (OnnxDataType)input.ReadInt32(); break;
                case FloatDataField: Wire.ReadFloats(input, tag, t.FloatData, limits, "TensorProto.float_data"); break;
                case Int64DataField: Wire.ReadInt64s(input, tag, t.Int64Data, limits, "TensorProto.int64_data"); break;
                case NameField: t.Name = input.ReadString(); break;
                case RawDataField: raw = input.ReadBytes(); break;
                case DoubleDataField: ReadDoubles(input, tag, t.DoubleData, limits); break;
                case DocField: t.DocString = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        if (raw is not null)
        {
            t.DecodeRaw(raw.Span, limits);
        }

        t.CheckCount();
        return t;
    }

    private static void ReadDoubles(CodedInputStream input, uint tag, List<double> target, OnnxReadLimits limits)
    {
        if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
        {
            var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (!packed.IsAtEnd)
            {
                Wire.Add(target, packed.ReadDouble(), limits, "TensorProto.double_data");
            }
        }
        else
        {
            Wire.Add(target, input.ReadDouble(), limits, "TensorProto.double_data");
        }
    }

    private void DecodeRaw(ReadOnlySpan<byte> raw, OnnxReadLimits limits)
    {
        int width = DataType switch
        {
            OnnxDataType.Float => 4,
            OnnxDataType.Int64 => 8,
            OnnxDataType.Double => 8,
            _ => throw new OnnxFormatException($"tensor '{Name}': raw_data of type {DataType} is not supported"),
        };
        if (raw.Length % width != 0)
        {
            throw new OnnxFormatException($"tensor '{Name}': raw_data length {raw.Length} is not a multiple of {width}");
        }

        int count = raw.Length / width;
        if (count > limits.MaxRepeated)
        {
            throw new OnnxFormatException($"tensor '{Name}': {count} elements exceed the limit {limits.MaxRepeated}");
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> e = raw.Slice(i * width, width);
            switch (DataType)
            {
                case OnnxDataType.Float: FloatData.Add(BinaryPrimitives.ReadSingleLittleEndian(e)); break;
                case OnnxDataType.Int64: Int64Data.Add(BinaryPrimitives.ReadInt64LittleEndian(e)); break;
                default: DoubleData.Add(BinaryPrimitives.ReadDoubleLittleEndian(e)); break;
            }
        }
    }
}
