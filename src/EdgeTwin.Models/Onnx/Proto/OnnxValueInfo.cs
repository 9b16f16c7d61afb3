using EdgeTwin.Models.Errors;
using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>
/// ValueInfoProto restricted to tensors: a name, an element type and a shape whose dimensions are fixed
/// (a value) or symbolic (a name such as "N"). The nested TypeProto / TypeProto.Tensor / TensorShapeProto
/// messages are written inline.
/// </summary>
public sealed class OnnxValueInfo : IOnnxMessage
{
    // onnx.proto ValueInfoProto: name = 1, type = 2, doc_string = 3.
    private const int NameField = 1;
    private const int TypeField = 2;
    private const int DocField = 3;

    // TypeProto: tensor_type = 1.  TypeProto.Tensor: elem_type = 1, shape = 2.
    // TensorShapeProto: dim = 1.  Dimension: dim_value = 1, dim_param = 2.
    private const int TensorTypeField = 1;
    private const int ElemTypeField = 1;
    private const int ShapeField = 2;
    private const int DimField = 1;
    private const int DimValueField = 1;
    private const int DimParamField = 2;

    /// <summary>Value name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Tensor element type.</summary>
    public OnnxDataType ElementType { get; set; } = OnnxDataType.Float;

    /// <summary>Dimensions; null means "shape unknown" (no shape field written).</summary>
    public List<OnnxDimension>? Shape { get; set; } = new();

    /// <summary>Documentation.</summary>
    public string DocString { get; set; } = string.Empty;

    /// <summary>Creates a float tensor value with the given dimensions (a string is symbolic, a number fixed).</summary>
    public static OnnxValueInfo Tensor(string name, OnnxDataType type, params OnnxDimension[] dims) =>
        new() { Name = name, ElementType = type, Shape = new List<OnnxDimension>(dims) };

    /// <inheritdoc />
    public int CalculateSize()
    {
        int typeSize = TypeSize();
        return Wire.StringSize(NameField, Name)
            + Wire.TagSize(TypeField) + CodedOutputStream.ComputeLengthSize(typeSize) + typeSize
            + Wire.StringSize(DocField, DocString);
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WriteString(output, NameField, Name);
        output.WriteTag(TypeField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(TypeSize());
        int tensorSize = TensorTypeSize();
        output.WriteTag(TensorTypeField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(tensorSize);
        Wire.WriteInt64(output, ElemTypeField, (long)ElementType);
        if (Shape is not null)
        {
            output.WriteTag(ShapeField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(ShapeSize());
            foreach (OnnxDimension d in Shape)
            {
                output.WriteTag(DimField, WireFormat.WireType.LengthDelimited);
                output.WriteLength(DimensionSize(d));
                if (d.IsSymbolic)
                {
                    Wire.WriteString(output, DimParamField, d.Param);
                }
                else
                {
                    Wire.WriteInt64(output, DimValueField, d.Value);
                }
            }
        }

        Wire.WriteString(output, DocField, DocString);
    }

    private static int DimensionSize(OnnxDimension d) =>
        d.IsSymbolic ? Wire.StringSize(DimParamField, d.Param) : Wire.Int64Size(DimValueField, d.Value);

    private int ShapeSize()
    {
        int size = 0;
        foreach (OnnxDimension d in Shape!)
        {
            int ds = DimensionSize(d);
            size += Wire.TagSize(DimField) + CodedOutputStream.ComputeLengthSize(ds) + ds;
        }

        return size;
    }

    private int TensorTypeSize()
    {
        int size = Wire.Int64Size(ElemTypeField, (long)ElementType);
        if (Shape is not null)
        {
            int shape = ShapeSize();
            size += Wire.TagSize(ShapeField) + CodedOutputStream.ComputeLengthSize(shape) + shape;
        }

        return size;
    }

    private int TypeSize()
    {
        int tensor = TensorTypeSize();
        return Wire.TagSize(TensorTypeField) + CodedOutputStream.ComputeLengthSize(tensor) + tensor;
    }

    internal static OnnxValueInfo Parse(CodedInputStream input, OnnxReadLimits limits, int depth)
    {
        var result = new OnnxValueInfo { Shape = null };
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NameField: result.Name = input.ReadString(); break;
                case TypeField: ParseType(Wire.Nested(input, limits, depth + 1, "ValueInfoProto.type"), result, limits, depth + 1); break;
                case DocField: result.DocString = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return result;
    }

    private static void ParseType(CodedInputStream input, OnnxValueInfo target, OnnxReadLimits limits, int depth)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != TensorTypeField)
            {
                throw new OnnxFormatException($"value '{target.Name}': only tensor types are supported (TypeProto field {WireFormat.GetTagFieldNumber(tag)})");
            }

            CodedInputStream tensor = Wire.Nested(input, limits, depth + 1, "TypeProto.tensor_type");
            uint t;
            while ((t = tensor.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(t))
                {
                    case ElemTypeField: target.ElementType = (OnnxDataType)tensor.ReadInt32(); break;
                    case ShapeField: target.Shape = ParseShape(Wire.Nested(tensor, limits, depth + 2, "TypeProto.Tensor.shape"), limits, depth + 2); break;
                    default: tensor.SkipLastField(); break;
                }
            }
        }
    }

    private static List<OnnxDimension> ParseShape(CodedInputStream input, OnnxReadLimits limits, int depth)
    {
        var dims = new List<OnnxDimension>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != DimField)
            {
                input.SkipLastField();
                continue;
            }

            CodedInputStream dim = Wire.Nested(input, limits, depth + 1, "TensorShapeProto.dim");
            OnnxDimension parsed = OnnxDimension.Unknown;
            uint t;
            while ((t = dim.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(t))
                {
                    case DimValueField: parsed = new OnnxDimension(dim.ReadInt64()); break;
                    case DimParamField: parsed = new OnnxDimension(dim.ReadString()); break;
                    default: dim.SkipLastField(); break;
                }
            }

            Wire.Add(dims, parsed, limits, "TensorShapeProto.dim");
        }

        return dims;
    }
}
