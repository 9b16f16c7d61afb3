namespace EdgeTwin.OpcUa.Client;

/// <summary>
/// A change of a managed connection's state. A change to <see cref="OpcUaConnectionState.Reconnecting"/> starts a
/// data gap (values are stale from <see cref="At"/>); the next change to Connected ends it, and its
/// <see cref="Reconnect"/> says whether notifications in between may be lost.
/// </summary>
/// <param name="State">The new state.</param>
/// <param name="At">When the change happened (UTC).</param>
/// <param name="Reason">The failure behind a change to Reconnecting, or the last failed attempt.</param>
/// <param name="Reconnect">What a reconnect had to rebuild (null for the first connection).</param>
/// <param name="GapStartedAt">When the data gap that this change ends began (UTC), for changes to Connected after a loss.</param>
public sealed record OpcUaConnectionStateChange(OpcUaConnectionState State, DateTime At, OpcUaException? Reason, ReconnectResult? Reconnect, DateTime? GapStartedAt);
