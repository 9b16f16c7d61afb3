using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>NodeProto: one operator application.</summary>
public sealed class OnnxNode : IOnnxMessage
{
    // onnx.proto NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5,
    // doc_string = 6, domain = 7.
    private const int InputField = 1;
    private const int OutputField = 2;
    private const int NameField = 3;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;
    private const int DocField = 6;
    private const int DomainField = 7;

    /// <summary>Input value names (an empty string is an omitted optional input).</summary>
    public List<string> Inputs { get; set; } = new();

    /// <summary>Output value names.</summary>
    public List<string> Outputs { get; set; } = new();

    /// <summary>Node name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Operator type, e.g. "MatMul".</summary>
    public string OpType { get; set; } = string.Empty;

    /// <summary>Operator domain; empty for ai.onnx.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>Attributes.</summary>
    public List<OnnxAttribute> Attributes { get; set; } = new();

    /// <summary>Documentation.</summary>
    public string DocString { get; set; } = string.Empty;

    /// <inheritdoc />
    public int CalculateSize()
    {
        int size = Wire.StringSize(NameField, Name) + Wire.StringSize(OpTypeField, OpType)
            + Wire.StringSize(DomainField, Domain) + Wire.StringSize(DocField, DocString);
        foreach (string s in Inputs)
        {
            size += Wire.TagSize(InputField) + CodedOutputStream.ComputeStringSize(s);
        }

        foreach (string s in Outputs)
        {
            size += Wire.TagSize(OutputField) + CodedOutputStream.ComputeStringSize(s);
        }

        foreach (OnnxAttribute a in Attributes)
        {
            size += Wire.MessageSize(AttributeField, a);
        }

        return size;
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        foreach (string s in Inputs)
        {
            output.WriteTag(InputField, WireFormat.WireType.LengthDelimited);
            output.WriteString(s);
        }

        foreach (string s in Outputs)
        {
            output.WriteTag(OutputField, WireFormat.WireType.LengthDelimited);
            output.WriteString(s);
        }

        Wire.WriteString(output, NameField, Name);
        Wire.WriteString(output, OpTypeField, OpType);
        foreach (OnnxAttribute a in Attributes)
        {
            Wire.WriteMessage(output, AttributeField, a);
        }

        Wire.WriteString(output, DocField, DocString);
        Wire.WriteString(output, DomainField, Domain);
    }

    internal static OnnxNode Parse(CodedInputStream input, OnnxReadLimits limits, int depth)
    {
        var n = new OnnxNode();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case InputField: Wire.Add(n.Inputs, input.ReadString(), limits, "NodeProto.input"); break;
                case OutputField: Wire.Add(n.Outputs, input.ReadString(), limits, "NodeProto.output"); break;
                case NameField: n.Name = input.ReadString(); break;
                case OpTypeField: n.OpType = input.ReadString(); break;
                case DomainField: n.Domain = input.ReadString(); break;
                case DocField: n.DocString = input.ReadString(); break;
                case AttributeField:
                    Wire.Add(n.Attributes, OnnxAttribute.Parse(Wire.Nested(input, limits, depth + 1, "NodeProto.attribute"), limits, depth + 1), limits, "NodeProto.attribute");
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return n;
    }
}
