namespace EdgeTwin.OpcUa.Client;

/// <summary>The state of a managed connection.</summary>
public enum OpcUaConnectionState
{
    /// <summary>Not started, or stopped.</summary>
    Disconnected,

    /// <summary>Making the first connection.</summary>
    Connecting,

    /// <summary>Connected; data flows.</summary>
    Connected,

    /// <summary>The connection was lost; reconnecting with back-off. Values are stale until Connected again.</summary>
    Reconnecting,
}
