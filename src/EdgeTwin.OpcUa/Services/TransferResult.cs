using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>The result of transferring one subscription (OPC 10000-4 §5.13.7.2).</summary>
public sealed record TransferResult : IEncodeable<TransferResult>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=838).</summary>
    public static readonly NodeId EncodingId = new(0, 838);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The result.</summary>
    public StatusCode StatusCode { get; init; }

    /// <summary>Sequence numbers available for Republish.</summary>
    public IReadOnlyList<uint> AvailableSequenceNumbers { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteStatusCode(StatusCode);
        encoder.WriteArray(AvailableSequenceNumbers, static (e, value) => e.WriteUInt32(value));
    }

    /// <summary>Reads the structure.</summary>
    public static TransferResult Decode(BinaryDecoder decoder)
    {
        return new()
        {
            StatusCode = decoder.ReadStatusCode(),
            AvailableSequenceNumbers = decoder.ReadArray(static d => d.ReadUInt32(), "TransferResult.AvailableSequenceNumbers"),
        };
    }
}
