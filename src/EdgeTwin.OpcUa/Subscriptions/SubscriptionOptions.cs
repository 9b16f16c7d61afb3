using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>Parameters of a subscription (OPC 10000-4 §5.13.2).</summary>
public sealed record SubscriptionOptions
{
    /// <summary>How often the server sends queued notifications.</summary>
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Publishing intervals without data before the server sends a keep-alive.</summary>
    public uint KeepAliveCount { get; init; } = 10;

    /// <summary>Publishing intervals without a Publish request before the server deletes the subscription (at least 3 × KeepAliveCount).</summary>
    public uint LifetimeCount { get; init; } = 1200;

    /// <summary>Most notifications per Publish response (0 = no limit).</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    /// <summary>Relative priority among the session's subscriptions.</summary>
    public byte Priority { get; init; }

    /// <summary>Which timestamps the notifications carry.</summary>
    public TimestampsToReturn TimestampsToReturn { get; init; } = TimestampsToReturn.Both;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public SubscriptionOptions Validate()
    {
        if (PublishingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PublishingInterval must be positive.", nameof(PublishingInterval));
        }

        if (KeepAliveCount == 0 || LifetimeCount < 3 * (ulong)KeepAliveCount)
        {
            throw new ArgumentException("KeepAliveCount must be positive and LifetimeCount at least three times it.", nameof(LifetimeCount));
        }

        return this;
    }
}
