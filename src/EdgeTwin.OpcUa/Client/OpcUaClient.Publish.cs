using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;

namespace EdgeTwin.OpcUa.Client;

public sealed partial class OpcUaClient
{
    private const int MaxPublishRequests = 5;
    private static readonly TimeSpan ReorderWindow = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentQueue<SubscriptionAcknowledgement> _acknowledgements = new();
    private readonly Lock _publishLock = new();
    private readonly SemaphoreSlim _processingLock = new(1, 1);
    private Channel<PublishResponse>? _publishResponses;
    private CancellationToken _publishToken;
    private int _publishWorkers;

    /// <summary>Raised when a notification handler threw; the exception is reported here instead of stopping delivery.</summary>
    public event Action<OpcUaSubscription, Exception>? NotificationHandlerFailed;

    /// <summary>Creates a subscription; add items with <see cref="OpcUaSubscription.AddMonitoredItemsAsync"/>.</summary>
    public async Task<OpcUaSubscription> CreateSubscriptionAsync(SubscriptionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subscription = new OpcUaSubscription(this, options);
        await subscription.CreateOnServerAsync(cancellationToken).ConfigureAwait(false);
        lock (_subscriptionsLock)
        {
            _subscriptions.Add(subscription);
        }

        EnsurePublishWorkers();
        return subscription;
    }

    /// <summary>Asks for a notification message again (Republish).</summary>
    public async Task<NotificationMessage> RepublishAsync(uint subscriptionId, uint sequenceNumber, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<RepublishResponse>(new RepublishRequest { SubscriptionId = subscriptionId, RetransmitSequenceNumber = sequenceNumber }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.NotificationMessage;
    }

    internal void Acknowledge(uint subscriptionId, uint sequenceNumber) =>
        _acknowledgements.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = subscriptionId, SequenceNumber = sequenceNumber });

    internal void Forget(OpcUaSubscription subscription)
    {
        lock (_subscriptionsLock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private void StartPublishing(CancellationToken cancellationToken)
    {
        var responses = Channel.CreateUnbounded<PublishResponse>(new UnboundedChannelOptions { SingleReader = true });
        lock (_publishLock)
        {
            _publishResponses = responses;
            _publishToken = cancellationToken;
            _publishWorkers = 0;
        }

        _ = ProcessNotificationsAsync(responses.Reader, cancellationToken);
        EnsurePublishWorkers();
    }

    private void EnsurePublishWorkers()
    {
        int count;
        lock (_subscriptionsLock)
        {
            count = _subscriptions.Count;
        }

        lock (_publishLock)
        {
            if (_publishResponses is null || _publishToken.IsCancellationRequested)
            {
                return;
            }

            var wanted = Math.Min(MaxPublishRequests, count == 0 ? 0 : count + 1);
            while (_publishWorkers < wanted)
            {
                _publishWorkers++;
                _ = PublishWorkerAsync(_publishResponses.Writer, _publishToken);
            }
        }
    }

    private async Task PublishWorkerAsync(ChannelWriter<PublishResponse> responses, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan maxWait;
                lock (_subscriptionsLock)
                {
                    if (_subscriptions.Count == 0)
                    {
                        return;
                    }

                    maxWait = _subscriptions.Max(s => s.MaxPublishWait);
                }

                var acknowledgements = new List<SubscriptionAcknowledgement>();
                while (acknowledgements.Count < 1000 && _acknowledgements.TryDequeue(out var ack))
                {
                    acknowledgements.Add(ack);
                }

                try
                {
                    var response = await SendAsync<PublishResponse>(
                        new PublishRequest { SubscriptionAcknowledgements = acknowledgements },
                        (maxWait * 2) + _options.OperationTimeout,
                        cancellationToken).ConfigureAwait(false);
                    responses.TryWrite(response);
                }
                catch (OpcUaException exception)
                {
                    switch (exception.StatusCode.CodeWithoutInfoBits)
                    {
                        case StatusCodes.BadTooManyPublishRequests:
                            foreach (var ack in acknowledgements)
                            {
                                _acknowledgements.Enqueue(ack);
                            }

                            return;
                        case StatusCodes.BadNoSubscription:
                            await Task.Delay(TimeSpan.FromMilliseconds(100), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                            break;
                        case StatusCodes.BadTimeout:
                            foreach (var ack in acknowledgements)
                            {
                                _acknowledgements.Enqueue(ack);
                            }

                            break;
                        default:
                            RaiseConnectionLost(new OpcUaException(exception.StatusCode, $"Publish failed: {exception.Message}", exception));
                            return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_publishLock)
            {
                if (_publishToken == cancellationToken)
                {
                    _publishWorkers--;
                }
            }
        }
    }

    private async Task ProcessNotificationsAsync(ChannelReader<PublishResponse> responses, CancellationToken cancellationToken)
    {
        var batch = new List<PublishResponse>();
        try
        {
            while (await responses.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Drain(responses, batch);
                if (AnyAheadOfSequence(batch))
                {
                    // Responses to concurrent Publish requests can overtake each other on their way here; give the
                    // missing ones a moment to arrive before asking the server to republish them.
                    await Task.Delay(ReorderWindow, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    Drain(responses, batch);
                }

                // One processor at a time across connection generations: a processor of a lost connection may still
                // be finishing its batch when the next connection's processor starts.
                await _processingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    batch.Sort(BySequenceNumber);
                    foreach (var response in batch)
                    {
                        if (cancellationToken.IsCancellationRequested || !await ProcessAsync(response, cancellationToken).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                }
                finally
                {
                    _processingLock.Release();
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void Drain(ChannelReader<PublishResponse> responses, List<PublishResponse> batch)
    {
        while (responses.TryRead(out var response))
        {
            batch.Add(response);
        }
    }

    /// <summary>Orders responses by sequence number (equal numbers belong to different subscriptions, or are a keep-alive
    /// and the message it announced, which are processed correctly in either order).</summary>
    private static int BySequenceNumber(PublishResponse left, PublishResponse right) =>
        left.NotificationMessage.SequenceNumber.CompareTo(right.NotificationMessage.SequenceNumber);

    private bool AnyAheadOfSequence(List<PublishResponse> batch)
    {
        foreach (var response in batch)
        {
            var subscription = FindSubscription(response.SubscriptionId);
            // Before its first message a subscription expects sequence number 1 (OPC 10000-4 §7.24): a later one that
            // overtook it must wait for it too, or it would be processed first and the first message dropped as a repeat.
            if (subscription is not null && response.NotificationMessage.SequenceNumber > (subscription.LastSequenceNumber ?? 0) + 1)
            {
                return true;
            }
        }

        return false;
    }

    private OpcUaSubscription? FindSubscription(uint subscriptionId)
    {
        lock (_subscriptionsLock)
        {
            foreach (var subscription in _subscriptions)
            {
                if (subscription.SubscriptionId == subscriptionId)
                {
                    return subscription;
                }
            }

            return null;
        }
    }

    private async Task<bool> ProcessAsync(PublishResponse response, CancellationToken cancellationToken)
    {
        var subscription = FindSubscription(response.SubscriptionId);
        if (subscription is null)
        {
            return true;
        }

        try
        {
            await subscription.ProcessAsync(response.NotificationMessage, cancellationToken).ConfigureAwait(false);
            if (IsExpired(response.NotificationMessage))
            {
                await subscription.RecreateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OpcUaException exception)
        {
            RaiseConnectionLost(exception);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            NotificationHandlerFailed?.Invoke(subscription, exception);
        }

        return true;
    }

    private static bool IsExpired(NotificationMessage message) =>
        message.NotificationData.Any(d => d?.Value is StatusChangeNotification { Status.CodeWithoutInfoBits: StatusCodes.BadTimeout });

    private async Task<(int Transferred, int Recreated)> RestoreSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var subscriptions = Subscriptions;
        if (subscriptions.Count == 0)
        {
            return (0, 0);
        }

        var transferred = 0;
        var recreated = 0;
        IReadOnlyList<TransferResult> results = [];
        try
        {
            var response = await SendAsync<TransferSubscriptionsResponse>(new TransferSubscriptionsRequest
            {
                SubscriptionIds = subscriptions.Select(s => s.SubscriptionId).ToArray(),
                SendInitialValues = true,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            results = response.Results;
        }
        catch (OpcUaException exception) when (!IsSessionGone(exception.StatusCode) && _channel is { IsOpen: true })
        {
            // TransferSubscriptions is optional (BadServiceUnsupported): every subscription is created again.
        }

        for (var i = 0; i < subscriptions.Count; i++)
        {
            if (i < results.Count && results[i].StatusCode.IsGood)
            {
                subscriptions[i].OnTransferred(results[i].AvailableSequenceNumbers);
                transferred++;
            }
            else
            {
                await subscriptions[i].RecreateAsync(cancellationToken).ConfigureAwait(false);
                recreated++;
            }
        }

        return (transferred, recreated);
    }
}
