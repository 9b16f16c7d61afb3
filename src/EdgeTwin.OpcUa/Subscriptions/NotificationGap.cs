namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>Why notifications of a subscription were lost.</summary>
public enum NotificationGapReason
{
    /// <summary>Messages went missing and the server could no longer republish them.</summary>
    MessagesNotAvailable,

    /// <summary>The subscription had to be created again (server restart, session or subscription expired).</summary>
    SubscriptionRecreated,
}

/// <summary>A stretch of notifications that will never arrive: values in between are unknown (treat as a quality gap).</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Reason">Why.</param>
/// <param name="FirstSequenceNumber">First lost sequence number (0 when the subscription was re-created).</param>
/// <param name="LastSequenceNumber">Last lost sequence number (0 when the subscription was re-created).</param>
/// <param name="DetectedAt">When the gap was detected (UTC).</param>
public sealed record NotificationGap(OpcUaSubscription Subscription, NotificationGapReason Reason, uint FirstSequenceNumber, uint LastSequenceNumber, DateTime DetectedAt);
