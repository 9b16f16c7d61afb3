namespace EdgeTwin.OpcUa.Transport;

/// <summary>The three-letter message types of UA TCP and UA Secure Conversation (OPC 10000-6 §7.1.2, §6.7.2).</summary>
public enum UaTcpMessageType
{
    /// <summary>HEL: client hello.</summary>
    Hello,

    /// <summary>ACK: server acknowledge.</summary>
    Acknowledge,

    /// <summary>ERR: fatal error, the connection closes.</summary>
    Error,

    /// <summary>RHE: reverse hello (not used by this client).</summary>
    ReverseHello,

    /// <summary>OPN: OpenSecureChannel (asymmetric security).</summary>
    OpenSecureChannel,

    /// <summary>CLO: CloseSecureChannel.</summary>
    CloseSecureChannel,

    /// <summary>MSG: a service message.</summary>
    Message,
}
