namespace EdgeTwin.OpcUa.Transport;

/// <summary>
/// The limits agreed in Hello/Acknowledge (OPC 10000-6 §7.1.2.4). Zero for MaxMessageSize or MaxChunkCount means no limit.
/// </summary>
/// <param name="SendChunkSize">Largest chunk the client may send (the server's receive buffer).</param>
/// <param name="ReceiveChunkSize">Largest chunk the client accepts.</param>
/// <param name="MaxSendMessageSize">Largest request body the server accepts (0 = unlimited).</param>
/// <param name="MaxSendChunkCount">Most chunks per request the server accepts (0 = unlimited).</param>
public readonly record struct TransportLimits(int SendChunkSize, int ReceiveChunkSize, int MaxSendMessageSize, int MaxSendChunkCount);
