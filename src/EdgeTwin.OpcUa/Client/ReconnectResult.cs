namespace EdgeTwin.OpcUa.Client;

/// <summary>What a reconnect had to rebuild.</summary>
/// <param name="SessionResumed">The old session was activated on the new channel (its subscriptions lived on).</param>
/// <param name="TransferredSubscriptions">Subscriptions moved to a new session with TransferSubscriptions.</param>
/// <param name="RecreatedSubscriptions">Subscriptions created anew (their notifications in between are lost).</param>
public sealed record ReconnectResult(bool SessionResumed, int TransferredSubscriptions, int RecreatedSubscriptions)
{
    /// <summary>True when notifications may have been lost (a subscription had to be re-created).</summary>
    public bool DataMayBeLost => RecreatedSubscriptions > 0;
}
