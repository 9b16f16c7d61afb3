using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>
/// A subscription of an <see cref="OpcUaClient"/>: its monitored items and the notifications the client's publish
/// loop routes to it. Missing sequence numbers are recovered with Republish; what cannot be recovered is reported
/// through <see cref="NotificationsLost"/>. The object survives reconnects: the client transfers or re-creates it.
/// </summary>
public sealed class OpcUaSubscription
{
    private readonly OpcUaClient _client;
    private readonly List<MonitoredItem> _items = [];
    private readonly Lock _itemsLock = new();
    private uint? _lastSequenceNumber;

    internal OpcUaSubscription(OpcUaClient client, SubscriptionOptions options)
    {
        _client = client;
        Options = options.Validate();
    }

    /// <summary>The requested parameters.</summary>
    public SubscriptionOptions Options { get; }

    /// <summary>The server's subscription id (changes when the subscription is re-created).</summary>
    public uint SubscriptionId { get; private set; }

    /// <summary>The publishing interval the server granted.</summary>
    public TimeSpan RevisedPublishingInterval { get; private set; }

    /// <summary>The keep-alive count the server granted.</summary>
    public uint RevisedKeepAliveCount { get; private set; }

    /// <summary>The lifetime count the server granted.</summary>
    public uint RevisedLifetimeCount { get; private set; }

    /// <summary>The sequence number of the last notification message delivered, if any.</summary>
    public uint? LastSequenceNumber => _lastSequenceNumber;

    /// <summary>True after <see cref="DeleteAsync"/>.</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>The monitored items.</summary>
    public IReadOnlyList<MonitoredItem> MonitoredItems
    {
        get
        {
            lock (_itemsLock)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Raised on the client's notification task for every data change message (keep it quick).</summary>
    public event Action<DataChangeBatch>? DataChanged;

    /// <summary>Raised when notifications were lost for good (a quality gap for every item).</summary>
    public event Action<NotificationGap>? NotificationsLost;

    /// <summary>Raised when the server reports a status change of the subscription (e.g. BadTimeout when it expired).</summary>
    public event Action<OpcUaSubscription, StatusCode>? StatusChanged;

    /// <summary>How long a Publish request may wait for this subscription's next message or keep-alive.</summary>
    internal TimeSpan MaxPublishWait => RevisedPublishingInterval * Math.Max(1, RevisedKeepAliveCount);

    /// <summary>
    /// Creates monitored items in batches that respect MaxMonitoredItemsPerCall. Items the server refuses are kept
    /// with their Bad status (and not re-created on reconnect).
    /// </summary>
    public async Task<IReadOnlyList<MonitoredItem>> AddMonitoredItemsAsync(IReadOnlyList<MonitoredItemRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ObjectDisposedException.ThrowIf(IsDeleted, this);
        var items = requests.Select(r => new MonitoredItem(r)).ToList();
        lock (_itemsLock)
        {
            var handles = _items.Select(i => i.ClientHandle).ToHashSet();
            foreach (var item in items)
            {
                if (!handles.Add(item.ClientHandle))
                {
                    throw new ArgumentException($"Client handle {item.ClientHandle} is used twice in the subscription.", nameof(requests));
                }
            }
        }

        await CreateItemsOnServerAsync(items, cancellationToken).ConfigureAwait(false);
        lock (_itemsLock)
        {
            _items.AddRange(items);
        }

        return items;
    }

    /// <summary>Deletes monitored items by client handle.</summary>
    public async Task RemoveMonitoredItemsAsync(IReadOnlyCollection<uint> clientHandles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientHandles);
        List<MonitoredItem> removed;
        lock (_itemsLock)
        {
            removed = _items.Where(i => clientHandles.Contains(i.ClientHandle)).ToList();
            _items.RemoveAll(removed.Contains);
        }

        var ids = removed.Where(i => i.StatusCode.IsGood).Select(i => i.MonitoredItemId).ToArray();
        var batch = _client.BatchSize(_client.OperationLimits.MaxMonitoredItemsPerCall);
        for (var offset = 0; offset < ids.Length; offset += batch)
        {
            await _client.SendAsync<DeleteMonitoredItemsResponse>(new DeleteMonitoredItemsRequest
            {
                SubscriptionId = SubscriptionId,
                MonitoredItemIds = ids.Skip(offset).Take(batch).ToArray(),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the subscription on the server and removes it from the client.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (IsDeleted)
        {
            return;
        }

        IsDeleted = true;
        _client.Forget(this);
        if (_client.IsConnected)
        {
            await _client.SendAsync<DeleteSubscriptionsResponse>(new DeleteSubscriptionsRequest { SubscriptionIds = [SubscriptionId] }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Subscription {SubscriptionId} ({RevisedPublishingInterval.TotalMilliseconds} ms, {MonitoredItems.Count} items)";

    /// <summary>Creates the subscription on the server (CreateSubscription only).</summary>
    internal async Task CreateOnServerAsync(CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync<CreateSubscriptionResponse>(new CreateSubscriptionRequest
        {
            RequestedPublishingInterval = Options.PublishingInterval.TotalMilliseconds,
            RequestedLifetimeCount = Options.LifetimeCount,
            RequestedMaxKeepAliveCount = Options.KeepAliveCount,
            MaxNotificationsPerPublish = Options.MaxNotificationsPerPublish,
            PublishingEnabled = true,
            Priority = Options.Priority,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        SubscriptionId = response.SubscriptionId;
        RevisedPublishingInterval = TimeSpan.FromMilliseconds(response.RevisedPublishingInterval);
        RevisedKeepAliveCount = response.RevisedMaxKeepAliveCount;
        RevisedLifetimeCount = response.RevisedLifetimeCount;
        _lastSequenceNumber = null;
    }

    /// <summary>Creates the subscription and all its good items again under a new id; reports the gap.</summary>
    internal async Task RecreateAsync(CancellationToken cancellationToken)
    {
        await CreateOnServerAsync(cancellationToken).ConfigureAwait(false);
        var items = MonitoredItems.Where(i => !IsPermanentFailure(i.StatusCode)).ToList();
        await CreateItemsOnServerAsync(items, cancellationToken).ConfigureAwait(false);
        NotificationsLost?.Invoke(new NotificationGap(this, NotificationGapReason.SubscriptionRecreated, 0, 0, _client.Options.TimeProvider.GetUtcNow().UtcDateTime));
    }

    /// <summary>After TransferSubscriptions: acknowledge what was already delivered so the server can drop it.</summary>
    internal void OnTransferred(IReadOnlyList<uint> availableSequenceNumbers)
    {
        if (_lastSequenceNumber is not { } last)
        {
            return;
        }

        foreach (var sequenceNumber in availableSequenceNumbers)
        {
            if (sequenceNumber <= last)
            {
                _client.Acknowledge(SubscriptionId, sequenceNumber);
            }
        }
    }

    /// <summary>Handles one Publish response for this subscription (called sequentially by the client).</summary>
    internal async Task ProcessAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var sequenceNumber = message.SequenceNumber;
        var isKeepAlive = message.NotificationData.Count == 0;
        if (_lastSequenceNumber is { } last)
        {
            // A keep-alive carries the sequence number the next data message will get (OPC 10000-4 §5.13.1.1).
            var nextExpected = last + 1;
            if (sequenceNumber > nextExpected)
            {
                await RecoverAsync(nextExpected, sequenceNumber - 1, cancellationToken).ConfigureAwait(false);
            }
            else if (!isKeepAlive && sequenceNumber <= last)
            {
                _client.Acknowledge(SubscriptionId, sequenceNumber);
                return; // already delivered (republished earlier)
            }
        }

        if (isKeepAlive)
        {
            if (sequenceNumber > 0)
            {
                _lastSequenceNumber = Math.Max(_lastSequenceNumber ?? 0, sequenceNumber - 1);
            }

            return;
        }

        Deliver(message, republished: false);
        _lastSequenceNumber = sequenceNumber;
        _client.Acknowledge(SubscriptionId, sequenceNumber);
    }

    private async Task RecoverAsync(uint first, uint last, CancellationToken cancellationToken)
    {
        const uint maxRepublish = 256;
        var lostFrom = 0u;
        var lostTo = 0u;
        for (var sequence = first; sequence <= last; sequence++)
        {
            NotificationMessage? recovered = null;
            if (sequence - first < maxRepublish)
            {
                try
                {
                    var response = await _client.SendAsync<RepublishResponse>(new RepublishRequest { SubscriptionId = SubscriptionId, RetransmitSequenceNumber = sequence }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    recovered = response.NotificationMessage;
                }
                catch (OpcUaException exception) when (exception.StatusCode.CodeWithoutInfoBits is StatusCodes.BadMessageNotAvailable or StatusCodes.BadSequenceNumberUnknown)
                {
                }
            }

            if (recovered is not null)
            {
                Deliver(recovered, republished: true);
                _client.Acknowledge(SubscriptionId, sequence);
            }
            else
            {
                lostFrom = lostFrom == 0 ? sequence : lostFrom;
                lostTo = sequence;
            }

            _lastSequenceNumber = sequence;
            if (sequence == uint.MaxValue)
            {
                break;
            }
        }

        if (lostFrom != 0)
        {
            NotificationsLost?.Invoke(new NotificationGap(this, NotificationGapReason.MessagesNotAvailable, lostFrom, lostTo, _client.Options.TimeProvider.GetUtcNow().UtcDateTime));
        }
    }

    private void Deliver(NotificationMessage message, bool republished)
    {
        foreach (var data in message.NotificationData)
        {
            switch (data?.Value)
            {
                case DataChangeNotification change:
                    DataChanged?.Invoke(new DataChangeBatch(this, message.SequenceNumber, message.PublishTime, change.MonitoredItems, republished));
                    break;
                case StatusChangeNotification status:
                    StatusChanged?.Invoke(this, status.Status);
                    break;
            }
        }
    }

    private async Task CreateItemsOnServerAsync(List<MonitoredItem> items, CancellationToken cancellationToken)
    {
        var batch = _client.BatchSize(_client.OperationLimits.MaxMonitoredItemsPerCall);
        for (var offset = 0; offset < items.Count; offset += batch)
        {
            var slice = items.Skip(offset).Take(batch).ToList();
            var response = await _client.SendAsync<CreateMonitoredItemsResponse>(new CreateMonitoredItemsRequest
            {
                SubscriptionId = SubscriptionId,
                TimestampsToReturn = Options.TimestampsToReturn,
                ItemsToCreate = slice.Select(i => i.Request.ToCreateRequest()).ToArray(),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Results.Count != slice.Count)
            {
                throw new OpcUaException(StatusCodes.BadUnexpectedError, $"CreateMonitoredItems returned {response.Results.Count} results for {slice.Count} items.");
            }

            for (var i = 0; i < slice.Count; i++)
            {
                var result = response.Results[i];
                slice[i].StatusCode = result.StatusCode;
                slice[i].MonitoredItemId = result.MonitoredItemId;
                slice[i].RevisedSamplingInterval = result.RevisedSamplingInterval;
                slice[i].RevisedQueueSize = result.RevisedQueueSize;
            }
        }
    }

    private static bool IsPermanentFailure(StatusCode status) => status.CodeWithoutInfoBits is StatusCodes.BadNodeIdUnknown
        or StatusCodes.BadNodeIdInvalid or StatusCodes.BadAttributeIdInvalid or StatusCodes.BadMonitoredItemFilterUnsupported
        or StatusCodes.BadFilterNotAllowed or StatusCodes.BadDeadbandFilterInvalid or StatusCodes.BadIndexRangeInvalid;
}
