using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>
/// A minimal OPC UA server for benchmarking only (<c>edgetwin bench opcua --server ours</c>): N Double variables
/// <c>ns=1;s=Bench.0..N-1</c> that all change at every tick of <see cref="Interval"/> (the value counts the ticks,
/// the source timestamp is the tick's time), served over UA TCP on 127.0.0.1 with security None and anonymous
/// sessions. It answers GetEndpoints, CreateSession, ActivateSession, CloseSession, Read (the variables and the
/// Server nodes a client reads at connect), CreateSubscription, CreateMonitoredItems, Publish, Republish (always
/// BadMessageNotAvailable), DeleteSubscriptions and CloseSecureChannel, and a ServiceFault to anything else. Every
/// monitored item samples at the tick whatever sampling interval it asks for, and subscriptions publish at a whole
/// number of ticks, so each change reaches the client once (queued up to the item's queue size if a publishing
/// interval is late). It uses the client library's encoders, service types and chunk codec.
/// </summary>
public sealed class BenchUaServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<NodeId, BenchSession> _sessions = [];
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly BenchVariables _variables;
    private readonly int _maxPerPublish;
    private TcpListener? _listener;
    private uint _nextChannelId;
    private uint _nextSubscriptionId;
    private long _notificationsSent;
    private long _messagesDropped;

    /// <summary>
    /// Creates the server with <paramref name="items"/> variables changing every <paramref name="interval"/>, putting
    /// at most <paramref name="maxPerPublish"/> notifications in a Publish response (0: as many as the client takes),
    /// with <paramref name="noisy"/> values (see <see cref="BenchVariables"/>) or tick counts.
    /// </summary>
    public BenchUaServer(int items, TimeSpan interval, int maxPerPublish = 0, bool noisy = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerPublish);
        Interval = interval;
        _maxPerPublish = maxPerPublish;
        _variables = new BenchVariables(items, DateTime.UtcNow, noisy);
    }

    /// <summary>How often every variable changes (also the revised sampling interval of every item).</summary>
    public TimeSpan Interval { get; }

    /// <summary>The port it listens on (after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>The endpoint URL (after <see cref="Start"/>).</summary>
    public string EndpointUrl => $"opc.tcp://127.0.0.1:{Port}/EdgeTwin/BenchPeer";

    /// <summary>Ticks so far: every variable changed this many times.</summary>
    public long Ticks => _variables.Tick;

    /// <summary>Data change notifications sent in Publish responses so far.</summary>
    public long NotificationsSent => Interlocked.Read(ref _notificationsSent);

    /// <summary>Notification messages dropped because the client sent no Publish requests for them.</summary>
    public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

    /// <summary>Receives a line when a connection fails (for the command's output).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: a free port) and starts changing the variables.</summary>
    public void Start(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _tasks.Add(AcceptLoopAsync(listener, _stop.Token));
        _tasks.Add(TickLoopAsync(_stop.Token));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Reports a failure through <see cref="Log"/>.</summary>
    internal void Report(string line) => Log?.Invoke(line);

    /// <summary>Forgets a closed connection: its Publish requests are dropped, its sessions wait for a reconnect.</summary>
    internal void OnClosed(BenchUaConnection connection)
    {
        lock (_gate)
        {
            foreach (var session in _sessions.Values.Where(s => s.Connection == connection))
            {
                session.Connection = null;
                session.DetachedAt = DateTime.UtcNow;
                session.PublishRequests.Clear();
            }
        }
    }

    /// <summary>Decodes one request and answers it (Publish requests are held until a message is ready).</summary>
    internal async Task HandleAsync(BenchUaConnection connection, uint requestId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        IServiceRequest? request = null;
        IEncodeable? response;
        var sends = new List<Outgoing>();
        try
        {
            var decoder = new BinaryDecoder(message);
            var typeId = decoder.ReadNodeId();
            if (!EncodeableRegistry.TryGetDecoder(typeId, out var decode))
            {
                // Every request starts with its header: an unknown one is answered with its request handle.
                response = Fault(RequestHeader.Decode(decoder).RequestHandle, StatusCodes.BadServiceUnsupported);
            }
            else if (decode(decoder) is IServiceRequest decoded)
            {
                request = decoded;
                lock (_gate)
                {
                    response = Answer(connection, requestId, request, sends);
                }
            }
            else
            {
                response = Fault(0, StatusCodes.BadServiceUnsupported);
            }
        }
        catch (OpcUaException exception)
        {
            response = Fault(request?.RequestHeader.RequestHandle ?? 0, exception.StatusCode);
        }

        if (response is not null)
        {
            await connection.SendAsync(requestId, response, cancellationToken).ConfigureAwait(false);
        }

        await SendAllAsync(sends, cancellationToken).ConfigureAwait(false);
    }

    private static ServiceFault Fault(uint requestHandle, StatusCode status) =>
        new() { ResponseHeader = new ResponseHeader { Timestamp = DateTime.UtcNow, RequestHandle = requestHandle, ServiceResult = status } };

    private static ResponseHeader Header(IServiceRequest request) =>
        new() { Timestamp = DateTime.UtcNow, RequestHandle = request.RequestHeader.RequestHandle };

    private EndpointDescription Endpoint(string? url) => new()
    {
        EndpointUrl = string.IsNullOrEmpty(url) ? EndpointUrl : url,
        Server = new ApplicationDescription
        {
            ApplicationUri = BenchVariables.NamespaceUri,
            ProductUri = BenchVariables.NamespaceUri,
            ApplicationName = new LocalizedText("EdgeTwin bench peer"),
            ApplicationType = ApplicationType.Server,
            DiscoveryUrls = [EndpointUrl],
        },
        SecurityMode = MessageSecurityMode.None,
        SecurityPolicyUri = SecurityPolicy.None.Uri,
        UserIdentityTokens = [new UserTokenPolicy { PolicyId = "anonymous", TokenType = UserTokenType.Anonymous }],
        TransportProfileUri = EndpointSelector.UaTcpTransportProfile,
    };

    /// <summary>The response to <paramref name="request"/> (null for a Publish request that waits); runs under the lock.</summary>
    private IEncodeable? Answer(BenchUaConnection connection, uint requestId, IServiceRequest request, List<Outgoing> sends)
    {
        switch (request)
        {
            case GetEndpointsRequest endpoints:
                return new GetEndpointsResponse { ResponseHeader = Header(request), Endpoints = [Endpoint(endpoints.EndpointUrl)] };
            case CreateSessionRequest create:
                var session = new BenchSession(
                    new NodeId(1, Guid.NewGuid()),
                    new NodeId(0, Guid.NewGuid()),
                    TimeSpan.FromMilliseconds(Math.Clamp(create.RequestedSessionTimeout, 10_000, 3_600_000)),
                    create.MaxResponseMessageSize) { Connection = connection };
                _sessions[session.AuthenticationToken] = session;
                return new CreateSessionResponse
                {
                    ResponseHeader = Header(request),
                    SessionId = session.SessionId,
                    AuthenticationToken = session.AuthenticationToken,
                    RevisedSessionTimeout = session.Timeout.TotalMilliseconds,
                    ServerNonce = RandomNumberGenerator.GetBytes(32),
                    ServerEndpoints = [Endpoint(create.EndpointUrl)],
                };
            case ActivateSessionRequest activate:
                var activating = Find(request, activated: false);
                if (activate.UserIdentityToken?.Value is not (null or AnonymousIdentityToken))
                {
                    throw new OpcUaException(StatusCodes.BadIdentityTokenRejected, "The bench peer accepts anonymous sessions only.");
                }

                if (activating.Connection is { } previous && previous != connection)
                {
                    activating.PublishRequests.Clear();
                }

                activating.Connection = connection;
                activating.Activated = true;
                return new ActivateSessionResponse { ResponseHeader = Header(request), ServerNonce = RandomNumberGenerator.GetBytes(32) };
            case CloseSessionRequest:
                _sessions.Remove(Find(request, activated: false).AuthenticationToken);
                return new CloseSessionResponse { ResponseHeader = Header(request) };
            case ReadRequest read:
                Find(request);
                return new ReadResponse { ResponseHeader = Header(request), Results = read.NodesToRead.Select(n => _variables.Read(n, read.TimestampsToReturn)).ToArray() };
            case CreateSubscriptionRequest subscribe:
                return CreateSubscription(Find(request), subscribe);
            case CreateMonitoredItemsRequest items:
                var owner = Find(request);
                var subscription = owner.Subscriptions.GetValueOrDefault(items.SubscriptionId)
                    ?? throw new OpcUaException(StatusCodes.BadSubscriptionIdInvalid, $"No subscription {items.SubscriptionId}.");
                return new CreateMonitoredItemsResponse { ResponseHeader = Header(request), Results = subscription.Add(items, _variables, Interval.TotalMilliseconds) };
            case PublishRequest publish:
                Publish(Find(request), connection, requestId, publish, sends);
                return null;
            case RepublishRequest:
                Find(request);
                throw new OpcUaException(StatusCodes.BadMessageNotAvailable, "The bench peer keeps no sent messages.");
            case DeleteSubscriptionsRequest delete:
                var deleting = Find(request);
                return new DeleteSubscriptionsResponse
                {
                    ResponseHeader = Header(request),
                    Results = delete.SubscriptionIds.Select(id => deleting.Subscriptions.Remove(id) ? (StatusCode)StatusCodes.Good : StatusCodes.BadSubscriptionIdInvalid).ToArray(),
                };
            default:
                throw new OpcUaException(StatusCodes.BadServiceUnsupported, $"The bench peer does not offer {request.GetType().Name}.");
        }
    }

    private BenchSession Find(IServiceRequest request, bool activated = true)
    {
        if (!_sessions.TryGetValue(request.RequestHeader.AuthenticationToken, out var session))
        {
            throw new OpcUaException(StatusCodes.BadSessionIdInvalid, "Unknown session.");
        }

        return !activated || session.Activated ? session : throw new OpcUaException(StatusCodes.BadSessionNotActivated, "The session is not activated.");
    }

    private CreateSubscriptionResponse CreateSubscription(BenchSession session, CreateSubscriptionRequest request)
    {
        var ticks = (int)Math.Clamp(Math.Round(request.RequestedPublishingInterval / Interval.TotalMilliseconds), 1, 10_000);
        var keepAlive = Math.Max(1u, request.RequestedMaxKeepAliveCount);
        var subscription = new BenchSubscription(++_nextSubscriptionId, ticks, keepAlive, request.MaxNotificationsPerPublish);
        session.Subscriptions[subscription.Id] = subscription;
        return new CreateSubscriptionResponse
        {
            ResponseHeader = Header(request),
            SubscriptionId = subscription.Id,
            RevisedPublishingInterval = ticks * Interval.TotalMilliseconds,
            RevisedMaxKeepAliveCount = keepAlive,
            RevisedLifetimeCount = Math.Max(request.RequestedLifetimeCount, 3 * keepAlive),
        };
    }

    private void Publish(BenchSession session, BenchUaConnection connection, uint requestId, PublishRequest request, List<Outgoing> sends)
    {
        if (session.Subscriptions.Count == 0)
        {
            throw new OpcUaException(StatusCodes.BadNoSubscription, "The session has no subscription.");
        }

        var results = request.SubscriptionAcknowledgements
            .Select(a => session.Subscriptions.TryGetValue(a.SubscriptionId, out var s)
                ? a.SequenceNumber < s.NextSequence ? (StatusCode)StatusCodes.Good : StatusCodes.BadSequenceNumberUnknown
                : StatusCodes.BadSubscriptionIdInvalid)
            .ToArray();
        session.PublishRequests.Enqueue(new QueuedPublish(connection, requestId, request.RequestHeader.RequestHandle, results));
        while (session.PublishRequests.Count > BenchSession.MaxPublishRequests)
        {
            var oldest = session.PublishRequests.Dequeue();
            sends.Add(new Outgoing(oldest.Connection, oldest.RequestId, Fault(oldest.RequestHandle, StatusCodes.BadTooManyPublishRequests), 0));
        }

        Pair(session, sends);
    }

    /// <summary>Answers queued Publish requests with ready messages; runs under the lock.</summary>
    private static void Pair(BenchSession session, List<Outgoing> sends)
    {
        while (session.Ready.Count > 0 && session.PublishRequests.Count > 0)
        {
            var publish = session.PublishRequests.Dequeue();
            var ready = session.Ready.Dequeue();
            var response = new PublishResponse
            {
                ResponseHeader = new ResponseHeader { Timestamp = DateTime.UtcNow, RequestHandle = publish.RequestHandle },
                SubscriptionId = ready.SubscriptionId,
                MoreNotifications = session.Ready.Count > 0,
                NotificationMessage = ready.Message,
                Results = publish.Results,
            };
            sends.Add(new Outgoing(publish.Connection, publish.RequestId, response, ready.Notifications));
        }
    }

    private async Task SendAllAsync(List<Outgoing> sends, CancellationToken cancellationToken)
    {
        foreach (var send in sends)
        {
            try
            {
                await send.Connection.SendAsync(send.RequestId, send.Response, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _notificationsSent, send.Notifications);
            }
            catch (OpcUaException)
            {
                // The connection closed meanwhile; its receive loop reports why.
            }
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
                socket.NoDelay = true;
                var connection = new BenchUaConnection(new NetworkStream(socket, ownsSocket: true), this, ++_nextChannelId);
                _ = connection.RunAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (SocketException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var sends = new List<Outgoing>();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    var now = DateTime.UtcNow;
                    var tick = _variables.Advance(now);
                    foreach (var session in _sessions.Values.ToArray())
                    {
                        Tick(session, tick, now, sends);
                    }
                }

                await SendAllAsync(sends, cancellationToken).ConfigureAwait(false);
                sends.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick of a session: collect its subscriptions' messages and pair them with Publish requests; runs under the lock.</summary>
    private void Tick(BenchSession session, long tick, DateTime now, List<Outgoing> sends)
    {
        if (session.Connection is null && now - session.DetachedAt > session.Timeout)
        {
            _sessions.Remove(session.AuthenticationToken);
            return;
        }

        var maxPerMessage = MaxNotificationsPerMessage(session);
        foreach (var subscription in session.Subscriptions.Values)
        {
            subscription.Collect(tick, _variables, maxPerMessage, now, session.Ready);
        }

        while (session.Ready.Count > BenchSession.MaxReadyMessages)
        {
            session.Ready.Dequeue();
            Interlocked.Increment(ref _messagesDropped);
        }

        Pair(session, sends);
    }

    /// <summary>
    /// How many notifications fit in one Publish response the client accepts: a notification of a Double with both
    /// timestamps is 30 bytes (handle 4, mask 1, variant 9, timestamps 16); 40 leaves room, plus 1 kB for the rest.
    /// The server's own cap applies too.
    /// </summary>
    private int MaxNotificationsPerMessage(BenchSession session)
    {
        var limit = session.Connection?.MaxResponseSize(session.MaxResponseMessageSize) ?? long.MaxValue;
        return (int)Math.Clamp((limit - 1024) / 40, 1, _maxPerPublish > 0 ? _maxPerPublish : 100_000);
    }
}
