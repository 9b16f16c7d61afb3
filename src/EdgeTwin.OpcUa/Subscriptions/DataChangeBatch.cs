using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>The data changes of one notification message: each item's client handle and new value.</summary>
/// <param name="Subscription">The subscription the changes belong to.</param>
/// <param name="SequenceNumber">The notification message's sequence number.</param>
/// <param name="PublishTime">When the server sent the message.</param>
/// <param name="Items">The changes, in the order the server reported them.</param>
/// <param name="Republished">True when the message was recovered with Republish after it went missing.</param>
public sealed record DataChangeBatch(OpcUaSubscription Subscription, uint SequenceNumber, DateTime PublishTime, IReadOnlyList<MonitoredItemNotification> Items, bool Republished);
