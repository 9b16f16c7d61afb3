namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>A monitored item of a subscription: what was asked for and what the server granted.</summary>
public sealed class MonitoredItem
{
    internal MonitoredItem(MonitoredItemRequest request)
    {
        Request = request;
    }

    /// <summary>What was asked for.</summary>
    public MonitoredItemRequest Request { get; }

    /// <summary>The client handle.</summary>
    public uint ClientHandle => Request.ClientHandle;

    /// <summary>The server's id of the item (changes when the subscription is re-created).</summary>
    public uint MonitoredItemId { get; internal set; }

    /// <summary>The result of the last create (Bad when the server refused the item, e.g. BadNodeIdUnknown).</summary>
    public StatusCode StatusCode { get; internal set; }

    /// <summary>The sampling interval the server granted, in milliseconds.</summary>
    public double RevisedSamplingInterval { get; internal set; }

    /// <summary>The queue size the server granted.</summary>
    public uint RevisedQueueSize { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Request.NodeId} (handle {ClientHandle}, id {MonitoredItemId}, {StatusCode})";
}
