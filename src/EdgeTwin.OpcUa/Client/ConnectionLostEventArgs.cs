namespace EdgeTwin.OpcUa.Client;

/// <summary>Why the client lost its connection or session.</summary>
public sealed class ConnectionLostEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public ConnectionLostEventArgs(OpcUaException reason)
    {
        Reason = reason;
    }

    /// <summary>The failure that ended the connection (e.g. BadConnectionClosed, BadTimeout, BadSessionIdInvalid).</summary>
    public OpcUaException Reason { get; }
}
