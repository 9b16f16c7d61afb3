using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>GraphProto: nodes in topological order, initializers, inputs and outputs.</summary>
public sealed class OnnxGraph : IOnnxMessage
{
    // onnx.proto GraphProto: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11,
    // output = 12, value_info = 13.
    private const int NodeField = 1;
    private const int NameField = 2;
    private const int InitializerField = 5;
    private const int DocField = 10;
    private const int InputField = 11;
    private const int OutputField = 12;
    private const int ValueInfoField = 13;

    /// <summary>Graph name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Nodes, topologically sorted.</summary>
    public List<OnnxNode> Nodes { get; set; } = new();

    /// <summary>Constant tensors.</summary>
    public List<OnnxTensor> Initializers { get; set; } = new();

    /// <summary>Graph inputs.</summary>
    public List<OnnxValueInfo> Inputs { get; set; } = new();

    /// <summary>Graph outputs.</summary>
    public List<OnnxValueInfo> Outputs { get; set; } = new();

    /// <summary>Optional type information for intermediate values.</summary>
    public List<OnnxValueInfo> ValueInfo { get; set; } = new();

    /// <summary>Documentation.</summary>
    public string DocString { get; set; } = string.Empty;

    /// <inheritdoc />
    public int CalculateSize()
    {
        int size = Wire.StringSize(NameField, Name) + Wire.StringSize(DocField, DocString);
        foreach (OnnxNode n in Nodes)
        {
            size += Wire.MessageSize(NodeField, n);
        }

        foreach (OnnxTensor t in Initializers)
        {
            size += Wire.MessageSize(InitializerField, t);
        }

        foreach (OnnxValueInfo v in Inputs)
        {
            size += Wire.MessageSize(InputField, v);
        }

        foreach (OnnxValueInfo v in Outputs)
        {
            size += Wire.MessageSize(OutputField, v);
        }

        foreach (OnnxValueInfo v in ValueInfo)
        {
            size += Wire.MessageSize(ValueInfoField, v);
        }

        return size;
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        foreach (OnnxNode n in Nodes)
        {
            Wire.WriteMessage(output, NodeField, n);
        }

        Wire.WriteString(output, NameField, Name);
        foreach (OnnxTensor t in Initializers)
        {
            Wire.WriteMessage(output, InitializerField, t);
        }

        Wire.WriteString(output, DocField, DocString);
        foreach (OnnxValueInfo v in Inputs)
        {
            Wire.WriteMessage(output, InputField, v);
        }

        foreach (OnnxValueInfo v in Outputs)
        {
            Wire.WriteMessage(output, OutputField, v);
        }

        foreach (OnnxValueInfo v in ValueInfo)
        {
            Wire.WriteMessage(output, ValueInfoField, v);
        }
    }

    internal static OnnxGraph Parse(CodedInputStream input, OnnxReadLimits limits, int depth)
    {
        var g = new OnnxGraph();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int next = depth + 1;
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeField: Wire.Add(g.Nodes, OnnxNode.Parse(Wire.Nested(input, limits, next, "GraphProto.node"), limits, next), limits, "GraphProto.node"); break;
                case NameField: g.Name = input.ReadString(); break;
                case InitializerField: Wire.Add(g.Initializers, OnnxTensor.Parse(Wire.Nested(input, limits, next, "GraphProto.initializer"), limits), limits, "GraphProto.initializer"); break;
                case DocField: g.DocString = input.ReadString(); break;
                case InputField: Wire.Add(g.Inputs, OnnxValueInfo.Parse(Wire.Nested(input, limits, next, "GraphProto.input"), limits, next), limits, "GraphProto.input"); break;
                case OutputField: Wire.Add(g.Outputs, OnnxValueInfo.Parse(Wire.Nested(input, limits, next, "GraphProto.output"), limits, next), limits, "GraphProto.output"); break;
                case ValueInfoField: Wire.Add(g.ValueInfo, OnnxValueInfo.Parse(Wire.Nested(input, limits, next, "GraphProto.value_info"), limits, next), limits, "GraphProto.value_info"); break;
                default: input.SkipLastField(); break;
            }
        }

        return g;
    }
}
