using EdgeTwin.Models.Errors;
using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>ModelProto: the top-level ONNX file.</summary>
public sealed class OnnxModel : IOnnxMessage
{
    // onnx.proto ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, domain = 4,
    // model_version = 5, doc_string = 6, graph = 7, opset_import = 8, metadata_props = 14.
    private const int IrVersionField = 1;
    private const int ProducerNameField = 2;
    private const int ProducerVersionField = 3;
    private const int DomainField = 4;
    private const int ModelVersionField = 5;
    private const int DocField = 6;
    private const int GraphField = 7;
    private const int OpsetField = 8;
    private const int MetadataField = 14;

    /// <summary>IR version (8 pairs with opset 17 and ai.onnx.ml 3).</summary>
    public long IrVersion { get; set; } = 8;

    /// <summary>Operator sets used.</summary>
    public List<OnnxOperatorSetId> OpsetImports { get; set; } = new();

    /// <summary>Producer name.</summary>
    public string ProducerName { get; set; } = string.Empty;

    /// <summary>Producer version.</summary>
    public string ProducerVersion { get; set; } = string.Empty;

    /// <summary>Model domain.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>Model version.</summary>
    public long ModelVersion { get; set; }

    /// <summary>Documentation.</summary>
    public string DocString { get; set; } = string.Empty;

    /// <summary>The graph.</summary>
    public OnnxGraph Graph { get; set; } = new();

    /// <summary>Metadata key/value pairs.</summary>
    public List<OnnxStringEntry> MetadataProps { get; set; } = new();

    /// <inheritdoc />
    public int CalculateSize()
    {
        int size = Wire.Int64Size(IrVersionField, IrVersion)
            + Wire.StringSize(ProducerNameField, ProducerName)
            + Wire.StringSize(ProducerVersionField, ProducerVersion)
            + Wire.StringSize(DomainField, Domain)
            + (ModelVersion != 0 ? Wire.Int64Size(ModelVersionField, ModelVersion) : 0)
            + Wire.StringSize(DocField, DocString)
            + Wire.MessageSize(GraphField, Graph);
        foreach (OnnxOperatorSetId o in OpsetImports)
        {
            size += Wire.MessageSize(OpsetField, o);
        }

        foreach (OnnxStringEntry e in MetadataProps)
        {
            size += Wire.MessageSize(MetadataField, e);
        }

        return size;
    }

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WriteInt64(output, IrVersionField, IrVersion);
        Wire.WriteString(output, ProducerNameField, ProducerName);
        Wire.WriteString(output, ProducerVersionField, ProducerVersion);
        Wire.WriteString(output, DomainField, Domain);
        if (ModelVersion != 0)
        {
            Wire.WriteInt64(output, ModelVersionField, ModelVersion);
        }

        Wire.WriteString(output, DocField, DocString);
        Wire.WriteMessage(output, GraphField, Graph);
        foreach (OnnxOperatorSetId o in OpsetImports)
        {
            Wire.WriteMessage(output, OpsetField, o);
        }

        foreach (OnnxStringEntry e in MetadataProps)
        {
            Wire.WriteMessage(output, MetadataField, e);
        }
    }

    /// <summary>Serialises the model to bytes.</summary>
    public byte[] ToByteArray()
    {
        byte[] buffer = new byte[CalculateSize()];
        var output = new CodedOutputStream(buffer);
        WriteTo(output);
        output.CheckNoSpaceLeft();
        return buffer;
    }

    /// <summary>Writes the model to a file (atomically: a temp file renamed over the target).</summary>
    public void Save(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, ToByteArray());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Decodes a model, bounding every length by <paramref name="limits"/>.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a well-formed ModelProto of our subset.</exception>
    public static OnnxModel Parse(ReadOnlySpan<byte> bytes, OnnxReadLimits limits)
    {
        if (bytes.Length > limits.MaxBytes)
        {
            throw new OnnxFormatException($"model of {bytes.Length} bytes exceeds the limit {limits.MaxBytes}");
        }

        try
        {
            var input = new CodedInputStream(bytes.ToArray());
            var m = new OnnxModel();
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case IrVersionField: m.IrVersion = input.ReadInt64(); break;
                    case ProducerNameField: m.ProducerName = input.ReadString(); break;
                    case ProducerVersionField: m.ProducerVersion = input.ReadString(); break;
                    case DomainField: m.Domain = input.ReadString(); break;
                    case ModelVersionField: m.ModelVersion = input.ReadInt64(); break;
                    case DocField: m.DocString = input.ReadString(); break;
                    case GraphField: m.Graph = OnnxGraph.Parse(Wire.Nested(input, limits, 1, "ModelProto.graph"), limits, 1); break;
                    case OpsetField: Wire.Add(m.OpsetImports, OnnxOperatorSetId.Parse(Wire.Nested(input, limits, 1, "ModelProto.opset_import")), limits, "ModelProto.opset_import"); break;
                    case MetadataField: Wire.Add(m.MetadataProps, OnnxStringEntry.Parse(Wire.Nested(input, limits, 1, "ModelProto.metadata_props")), limits, "ModelProto.metadata_props"); break;
                    default: input.SkipLastField(); break;
                }
            }

            return m;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OnnxFormatException($"malformed ONNX protobuf: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes a model with <see cref="OnnxReadLimits.Default"/>.</summary>
    public static OnnxModel Parse(ReadOnlySpan<byte> bytes) => Parse(bytes, OnnxReadLimits.Default);
}
