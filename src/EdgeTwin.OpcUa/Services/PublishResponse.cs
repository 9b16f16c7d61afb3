using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Services;

/// <summary>A notification message (or keep-alive) (OPC 10000-4 §5.13.5).</summary>
public sealed record PublishResponse : IServiceResponse, IEncodeable<PublishResponse>
{
    /// <summary>The NodeId of the DefaultBinary encoding (i=829).</summary>
    public static readonly NodeId EncodingId = new(0, 829);

    /// <inheritdoc />
    public NodeId BinaryEncodingId => EncodingId;

    /// <summary>The common response parameters.</summary>
    public ResponseHeader ResponseHeader { get; init; } = new();

    /// <summary>The subscription.</summary>
    public uint SubscriptionId { get; init; }

    /// <summary>Sequence numbers the server still holds for Republish.</summary>
    public IReadOnlyList<uint> AvailableSequenceNumbers { get; init; } = [];

    /// <summary>More notifications are waiting.</summary>
    public bool MoreNotifications { get; init; }

    /// <summary>The message.</summary>
    public NotificationMessage NotificationMessage { get; init; } = new();

    /// <summary>Results of the acknowledgements.</summary>
    public IReadOnlyList<StatusCode> Results { get; init; } = [];

    /// <summary>Diagnostics.</summary>
    public IReadOnlyList<DiagnosticInfo?> DiagnosticInfos { get; init; } = [];

    /// <inheritdoc />
    public void Encode(BinaryEncoder encoder)
    {
        encoder.WriteEncodeable(ResponseHeader);
        encoder.WriteUInt32(SubscriptionId);
        encoder.WriteArray(AvailableSequenceNumbers, static (e, value) => e.WriteUInt32(value));
        encoder.WriteBoolean(MoreNotifications);
        encoder.WriteEncodeable(NotificationMessage);
        encoder.WriteArray(Results, static (e, value) => e.WriteStatusCode(value));
        encoder.WriteArray(DiagnosticInfos, static (e, value) => e.WriteDiagnosticInfo(value));
    }

    /// <summary>Reads the structure.</summary>
    public static PublishResponse Decode(BinaryDecoder decoder)
    {
        return new()
        {
            ResponseHeader = decoder.ReadEncodeable<ResponseHeader>(),
            SubscriptionId = decoder.ReadUInt32(),
            AvailableSequenceNumbers = decoder.ReadArray(static d => d.ReadUInt32(), "PublishResponse.AvailableSequenceNumbers"),
            MoreNotifications = decoder.ReadBoolean(),
            NotificationMessage = decoder.ReadEncodeable<NotificationMessage>(),
            Results = decoder.ReadArray(static d => d.ReadStatusCode(), "PublishResponse.Results"),
            DiagnosticInfos = decoder.ReadArray(static d => d.ReadDiagnosticInfo(), "PublishResponse.DiagnosticInfos"),
        };
    }
}
