using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>
/// One subscription of the bench peer. Every monitored item samples at the peer's tick (the variables change at each
/// tick) and keeps the ticks it has not reported yet, up to its queue size; each publishing interval (a whole number
/// of ticks) the unreported values of all items go out as data change notifications, split into messages the
/// client accepts. A subscription with nothing to report sends a keep-alive after its keep-alive count.
/// </summary>
internal sealed class BenchSubscription
{
    /// <summary>The longest queue an item gets (the variables keep this many timestamps).</summary>
    public const uint MaxQueueSize = BenchVariables.History;

    private readonly List<Item> _items = [];
    private int _ticksSincePublish;
    private uint _idleIntervals;
    private uint _nextSequence = 1;

    /// <summary>Creates a subscription publishing every <paramref name="ticksPerPublish"/> ticks.</summary>
    public BenchSubscription(uint id, int ticksPerPublish, uint keepAliveCount, uint maxNotificationsPerPublish)
    {
        Id = id;
        TicksPerPublish = ticksPerPublish;
        KeepAliveCount = keepAliveCount;
        MaxNotificationsPerPublish = maxNotificationsPerPublish;
    }

    /// <summary>The subscription id.</summary>
    public uint Id { get; }

    /// <summary>Ticks per publishing interval.</summary>
    public int TicksPerPublish { get; }

    /// <summary>Publishing intervals without notifications before a keep-alive.</summary>
    public uint KeepAliveCount { get; }

    /// <summary>Most notifications in one message (0: only the message size limits).</summary>
    public uint MaxNotificationsPerPublish { get; }

    /// <summary>Sequence numbers below this were sent.</summary>
    public uint NextSequence => _nextSequence;

    /// <summary>Adds monitored items; each reports the current value first, then every change.</summary>
    public IReadOnlyList<MonitoredItemCreateResult> Add(CreateMonitoredItemsRequest request, BenchVariables variables, double samplingIntervalMs)
    {
        var results = new MonitoredItemCreateResult[request.ItemsToCreate.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var create = request.ItemsToCreate[i];
            if (create.ItemToMonitor.AttributeId != AttributeIds.Value)
            {
                results[i] = new MonitoredItemCreateResult { StatusCode = StatusCodes.BadAttributeIdInvalid };
                continue;
            }

            var variable = variables.IndexOf(create.ItemToMonitor.NodeId);
            if (variable < 0)
            {
                results[i] = new MonitoredItemCreateResult { StatusCode = StatusCodes.BadNodeIdUnknown };
                continue;
            }

            var queue = Math.Clamp(create.RequestedParameters.QueueSize, 1, MaxQueueSize);
            var id = (uint)_items.Count + 1;
            _items.Add(new Item(create.RequestedParameters.ClientHandle, variable, queue, request.TimestampsToReturn,
                create.MonitoringMode == MonitoringMode.Reporting, variables.Tick - 1));
            results[i] = new MonitoredItemCreateResult { MonitoredItemId = id, RevisedSamplingInterval = samplingIntervalMs, RevisedQueueSize = queue };
        }

        return results;
    }

    /// <summary>
    /// Called at every tick: at the end of a publishing interval, adds the messages to send to
    /// <paramref name="ready"/> (at most <paramref name="maxPerMessage"/> notifications each), or a keep-alive when
    /// nothing was reported for the keep-alive count. Returns the number of notifications added.
    /// </summary>
    public int Collect(long tick, BenchVariables variables, int maxPerMessage, DateTime now, Queue<ReadyMessage> ready)
    {
        if (++_ticksSincePublish < TicksPerPublish)
        {
            return 0;
        }

        _ticksSincePublish = 0;
        var limit = MaxNotificationsPerPublish == 0 ? maxPerMessage : (int)Math.Min(MaxNotificationsPerPublish, (uint)maxPerMessage);
        var notifications = new List<MonitoredItemNotification>();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_items);
        for (var i = 0; i < span.Length; i++)
        {
            ref var item = ref span[i];
            if (!item.Reporting || item.LastTick >= tick)
            {
                continue;
            }

            var from = Math.Max(item.LastTick + 1, tick - item.QueueSize + 1);
            for (var t = from; t <= tick; t++)
            {
                notifications.Add(new MonitoredItemNotification { ClientHandle = item.ClientHandle, Value = variables.ValueAt(item.Variable, t, item.Timestamps) });
            }

            item.LastTick = tick;
        }

        if (notifications.Count == 0)
        {
            if (++_idleIntervals >= KeepAliveCount)
            {
                _idleIntervals = 0;
                ready.Enqueue(new ReadyMessage(Id, new NotificationMessage { SequenceNumber = _nextSequence, PublishTime = now }, 0));
            }

            return 0;
        }

        _idleIntervals = 0;
        for (var offset = 0; offset < notifications.Count; offset += limit)
        {
            var part = notifications.GetRange(offset, Math.Min(limit, notifications.Count - offset));
            var message = new NotificationMessage
            {
                SequenceNumber = _nextSequence,
                PublishTime = now,
                NotificationData = [new ExtensionObject(new DataChangeNotification { MonitoredItems = part })],
            };
            _nextSequence = _nextSequence == uint.MaxValue ? 1 : _nextSequence + 1;
            ready.Enqueue(new ReadyMessage(Id, message, part.Count));
        }

        return notifications.Count;
    }

    private record struct Item(uint ClientHandle, int Variable, uint QueueSize, TimestampsToReturn Timestamps, bool Reporting, long LastTick);
}

/// <summary>A notification message waiting for a Publish request.</summary>
/// <param name="SubscriptionId">Its subscription.</param>
/// <param name="Message">The message (no notification data for a keep-alive).</param>
/// <param name="Notifications">Data change notifications in it.</param>
internal readonly record struct ReadyMessage(uint SubscriptionId, NotificationMessage Message, int Notifications);
