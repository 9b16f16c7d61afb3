using Google.Protobuf;

namespace EdgeTwin.Models.Onnx.Proto;

/// <summary>OperatorSetIdProto: which version of an operator domain the model uses.</summary>
public sealed class OnnxOperatorSetId : IOnnxMessage
{
    // onnx.proto OperatorSetIdProto: domain = 1, version = 2.
    private const int DomainField = 1;
    private const int VersionField = 2;

    /// <summary>Operator domain; empty for the default ai.onnx domain.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>Opset version.</summary>
    public long Version { get; set; }

    /// <inheritdoc />
    public int CalculateSize() => Wire.StringSize(DomainField, Domain) + Wire.Int64Size(VersionField, Version);

    /// <inheritdoc />
    public void WriteTo(CodedOutputStream output)
    {
        Wire.WriteString(output, DomainField, Domain);
        Wire.WriteInt64(output, VersionField, Version);
    }

    internal static OnnxOperatorSetId Parse(CodedInputStream input)
    {
        var result = new OnnxOperatorSetId();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DomainField: result.Domain = input.ReadString(); break;
                case VersionField: result.Version = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }

        return result;
    }
}
