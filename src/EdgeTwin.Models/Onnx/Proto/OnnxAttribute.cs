using System.Text;
using EdgeTwin.Models.Errors;
using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>AttributeProto subset: float, int, string, tensor, floats, ints and strings.</summary>
public sealed class OnnxAttribute : IOnnxMessage
{
    // onnx.proto AttributeProto: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8,
    // strings = 9, type = 20.
    private const int NameField = 1;
    private const int FloatField = 2;
    private const int IntField = 3;
    private const int StringField = 4;
    private const int TensorField = 5;
    private const int FloatsField = 7;
    private const int IntsField = 8;
    private const int StringsField = 9;
    private const int TypeField = 20;

    /// <summary>Attribute name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Which value field is in use.</summary>
    public OnnxAttributeType Type { get; set; }

    /// <summary>Value when <see cref="Type"/> is Float.</summary>
    public float F { get; set; }

    /// <summary>Value when <see cref="Type"/> is Int.</summary>
    public long I { get; set; }

    /// <summary>Value when <see cref="Type"/> is String (UTF-8).</summary>
    public string S { get; set; } = string.Empty;

    /// <summary>Value when <see cref="Type"/> is Tensor.</summary>
    public OnnxTensor? T { get; set; }

    /// <summary>Values when <see cref="Type"/> is Floats.</summary>
    public List<float> Floats { get; set; } = new();

    /// <summary>Values when <see cref="Type"/> is Ints.</summary>
    public List<long> Ints { get; set; } = new();

    /// <summary>Values when <see cref="Type"/> is Strings.</summary>
    public List<string> Strings { get; set; } = new();

    /// <summary>An int attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new() { Name = name, Type = OnnxAttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new() { Name = name, Type = OnnxAttributeType.Float, F = value };

    /// <summary>A string attribute.</summary>
    public static OnnxAttribute String(string name, string value) => new() { Name = name, Type = OnnxAttributeType.String, S = value };

    /// <summary>A tensor attribute.</summary>
    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new() { Name = name, Type = OnnxAttributeType.Tensor, T = value };

    /// <summary>An int-list attribute.</summary>
    public static OnnxAttribute IntList(string name, IEnumerable<long> values) => new() { Name = name, Type = OnnxAttributeType.Ints, Ints = new List<long>(values) };

    /// <summary>A float-list attribute.</summary>
    public static OnnxAttribute FloatList(string name, IEnumerable<float> values) => new() { Name = name, Type = OnnxAttributeType.Floats, Floats = new List<float>(values) };

    /// <summary>A string-list attribute.</summary>
    public static OnnxAttribute StringList(string name, IEnumerable<string> values) => new() { Name = name, Type = OnnxAttributeType.Strings, Strings = new List<string>(values) };

    /// <inheritdoc />
    public int CalculateSize()
    {
        int size = Wire.StringSize(NameField, Name) + Wire.Int64Size(TypeField, (long)Type);
        switch (Type)
        {
            case OnnxAttributeType.Float: size += Wire.TagSize(FloatField) + 4; break;
            case OnnxAttributeType.Int: size += Wire.Int64Size(IntField, I); break;
            case OnnxAttributeType.String: size += BytesSize(StringField, S); break;
            case OnnxAttributeType.Tensor: size += Wire.MessageSize(TensorField, RequireTensor()); break;
            case OnnxAttributeType.Floats: size += Wire.PackedFloatSize(FloatsField, Floats); break;
            case OnnxAttributeType.Ints: size += Wire.PackedInt64Size(IntsField, Ints); break;
            case OnnxAttributeType.Strings:
                foreach (string s in Strings)
                {
                    size += BytesSize(StringsField, s);
                }

                break;
            default: throw new OnnxFormatException($"attribute '{Name}': type {Type} cannot be written");
        }

        return size;
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WriteString(output, NameField, Name);
        switch (Type)
        {
            case OnnxAttributeType.Float:
                output.WriteTag(FloatField, WireFormat.WireType.Fixed32);
                output.WriteFloat(F);
                break;
            case OnnxAttributeType.Int: Wire.WriteInt64(output, IntField, I); break;
            case OnnxAttributeType.String: WriteBytes(output, StringField, S); break;
            case OnnxAttributeType.Tensor: Wire.WriteMessage(output, TensorField, RequireTensor()); break;
            case OnnxAttributeType.Floats: Wire.WritePackedFloat(output, FloatsField, Floats); break;
            case OnnxAttributeType.Ints: Wire.WritePackedInt64(output, IntsField, Ints); break;
            case OnnxAttributeType.Strings:
                foreach (string s in Strings)
                {
                    WriteBytes(output, StringsField, s);
                }

                break;
            default: throw new OnnxFormatException($"attribute '{Name}': type {Type} cannot be written");
        }

        Wire.WriteInt64(output, TypeField, (long)Type);
    }

    private static int BytesSize(int field, string value)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        return Wire.TagSize(field) + CodedOutputStream.ComputeLengthSize(n) + n;
    }

    private static void WriteBytes(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFromUtf8(value));
    }

    private OnnxTensor RequireTensor() =>
        T ?? throw new OnnxFormatException($"attribute '{Name}': type Tensor without a tensor value");

    internal static OnnxAttribute Parse(CodedInputStream input, OnnxReadLimits limits, int depth)
    {
        var a = new OnnxAttribute();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NameField: a.Name = input.ReadString(); break;
                case TypeField: a.Type = (OnnxAttributeType)input.ReadInt32(); break;
                case FloatField: a.F = input.ReadFloat(); break;
                case IntField: a.I = input.ReadInt64(); break;
                case StringField: a.S = input.ReadBytes().ToStringUtf8(); break;
                case TensorField: a.T = OnnxTensor.Parse(Wire.Nested(input, limits, depth + 1, "AttributeProto.t"), limits); break;
                case FloatsField: Wire.ReadFloats(input, tag, a.Floats, limits, "AttributeProto.floats"); break;
                case IntsField: Wire.ReadInt64s(input, tag, a.Ints, limits, "AttributeProto.ints"); break;
                case StringsField: Wire.Add(a.Strings, input.ReadBytes().ToStringUtf8(), limits, "AttributeProto.strings"); break;
                default: input.SkipLastField(); break;
            }
        }

        return a;
    }
}
