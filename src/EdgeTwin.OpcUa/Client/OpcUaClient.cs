using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Certificates;
using EdgeTwin.OpcUa.SecureChannel;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;

namespace EdgeTwin.OpcUa.Client;

/// <summary>
/// An OPC UA client session: discovers the endpoint, opens a secure channel, creates and activates a session,
/// keeps it alive, and offers the Read/Write/Browse/Translate services and subscriptions. After a connection loss
/// (<see cref="ConnectionLost"/>) <see cref="ReconnectAsync"/> resumes the session or builds a new one and brings
/// the subscriptions back; <see cref="OpcUaSessionManager"/> drives that with back-off.
/// </summary>
public sealed partial class OpcUaClient : IAsyncDisposable
{
    private readonly OpcUaClientOptions _options;
    private readonly SecurityPolicy _policy;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly List<OpcUaSubscription> _subscriptions = [];
    private readonly Lock _subscriptionsLock = new();
    private CertificateStore? _store;
    private X509Certificate2? _clientCertificate;
    private X509Certificate2? _serverCertificate;
    private UaSecureChannel? _channel;
    private EndpointDescription? _endpoint;
    private NodeId _authenticationToken;
    private byte[]? _serverNonce;
    private CancellationTokenSource? _connectionCts;
    private int _connectionLostRaised = 1;
    private bool _disposed;

    /// <summary>Creates a client; nothing happens on the network until <see cref="ConnectAsync"/>.</summary>
    public OpcUaClient(OpcUaClientOptions options)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _policy = options.ResolvedPolicy;
    }

    /// <summary>The options.</summary>
    public OpcUaClientOptions Options => _options;

    /// <summary>True while the channel and session are up.</summary>
    public bool IsConnected => _channel is { IsOpen: true } && !_authenticationToken.IsNull && Volatile.Read(ref _connectionLostRaised) == 0;

    /// <summary>The endpoint in use.</summary>
    public EndpointDescription? Endpoint => _endpoint;

    /// <summary>The server certificate of the endpoint in use, if any.</summary>
    public X509Certificate2? ServerCertificate => _serverCertificate;

    /// <summary>The client's application instance certificate (secure policies only).</summary>
    public X509Certificate2? ClientCertificate => _clientCertificate;

    /// <summary>The current session id.</summary>
    public NodeId SessionId { get; private set; }

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan SessionTimeout { get; private set; }

    /// <summary>The server's namespace table (index = namespace index).</summary>
    public IReadOnlyList<string> NamespaceUris { get; private set; } = [];

    /// <summary>The server's operation limits, read after the session is activated.</summary>
    public OperationLimits OperationLimits { get; private set; } = new();

    /// <summary>The current secure channel (for diagnostics and tests).</summary>
    public UaSecureChannel? CurrentChannel => _channel;

    /// <summary>The subscriptions of this client.</summary>
    public IReadOnlyList<OpcUaSubscription> Subscriptions
    {
        get
        {
            lock (_subscriptionsLock)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>Raised once per connection when the channel fails, a keep-alive fails or the session is lost.</summary>
    public event EventHandler<ConnectionLostEventArgs>? ConnectionLost;

    /// <summary>Asks a server for its endpoints over an unsecured channel.</summary>
    public static async Task<IReadOnlyList<EndpointDescription>> GetEndpointsAsync(OpcUaClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stream = await ConnectStreamAsync(options, cancellationToken).ConfigureAwait(false);
        await using var channel = await UaSecureChannel.OpenAsync(stream, new SecureChannelOptions
        {
            EndpointUrl = options.EndpointUrl,
            Limits = options.Limits,
            OperationTimeout = options.OperationTimeout,
            TimeProvider = options.TimeProvider,
        }, cancellationToken).ConfigureAwait(false);
        var response = await channel.SendRequestAsync<GetEndpointsResponse>(new GetEndpointsRequest
        {
            EndpointUrl = options.EndpointUrl,
            ProfileUris = [EndpointSelector.UaTcpTransportProfile],
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        return response.Endpoints;
    }

    /// <summary>Connects: endpoint discovery, certificate checks, secure channel, CreateSession and ActivateSession.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsConnected)
            {
                return;
            }

            await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
            await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
            await StartConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DropChannelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>
    /// Re-establishes a lost connection: a new secure channel, then the old session is activated on it if the
    /// server still has it; otherwise a new session is created and the subscriptions are transferred to it
    /// (TransferSubscriptions) or, failing that, created again with the same monitored items and client handles.
    /// </summary>
    public async Task<ReconnectResult> ReconnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StopConnection();
            await DropChannelAsync().ConfigureAwait(false);
            await OpenChannelAsync(cancellationToken).ConfigureAwait(false);

            var resumed = false;
            if (!_authenticationToken.IsNull)
            {
                try
                {
                    await ActivateSessionAsync(cancellationToken).ConfigureAwait(false);
                    resumed = true;
                }
                catch (OpcUaException exception) when (IsSessionGone(exception.StatusCode) || exception.StatusCode.Code == StatusCodes.BadSecurityChecksFailed)
                {
                    _authenticationToken = NodeId.Null;
                }
            }

            var transferred = 0;
            var recreated = 0;
            if (!resumed)
            {
                await CreateSessionAsync(cancellationToken).ConfigureAwait(false);
                (transferred, recreated) = await RestoreSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            }

            await StartConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new ReconnectResult(resumed, transferred, recreated);
        }
        catch
        {
            await DropChannelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Closes the session (deleting its subscriptions by default) and the secure channel.</summary>
    public async Task CloseAsync(bool deleteSubscriptions = true, CancellationToken cancellationToken = default)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StopConnection();
            if (_channel is { IsOpen: true } && !_authenticationToken.IsNull)
            {
                try
                {
                    await SendAsync<CloseSessionResponse>(new CloseSessionRequest { DeleteSubscriptions = deleteSubscriptions }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (OpcUaException)
                {
                    // The session is being abandoned either way; the server times it out if the close did not arrive.
                }
            }

            _authenticationToken = NodeId.Null;
            SessionId = NodeId.Null;
            if (deleteSubscriptions)
            {
                lock (_subscriptionsLock)
                {
                    _subscriptions.Clear();
                }
            }

            await DropChannelAsync().ConfigureAwait(false);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await CloseAsync().ConfigureAwait(false);
        _disposed = true;
    }

    /// <summary>
    /// Sends any service request on the session (the authentication token is filled in) and returns its response;
    /// a ServiceFault or Bad service result throws <see cref="OpcUaException"/>.
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(IServiceRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IServiceResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = _channel ?? throw new OpcUaException(StatusCodes.BadServerNotConnected, "The client is not connected.");
        request.RequestHeader = request.RequestHeader with { AuthenticationToken = _authenticationToken };
        try
        {
            return await channel.SendRequestAsync<TResponse>(request, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException exception) when (IsSessionGone(exception.StatusCode) || !channel.IsOpen)
        {
            RaiseConnectionLost(exception);
            throw;
        }
    }

    internal static bool IsSessionGone(StatusCode status) => status.CodeWithoutInfoBits is StatusCodes.BadSessionIdInvalid
        or StatusCodes.BadSessionClosed or StatusCodes.BadSessionNotActivated;

    internal void RaiseConnectionLost(OpcUaException reason)
    {
        if (Interlocked.Exchange(ref _connectionLostRaised, 1) != 0)
        {
            return;
        }

        _connectionCts?.Cancel();
        ConnectionLost?.Invoke(this, new ConnectionLostEventArgs(reason));
    }

    private static async Task<Stream> ConnectStreamAsync(OpcUaClientOptions options, CancellationToken cancellationToken)
    {
        var uri = new Uri(options.EndpointUrl);
        var port = uri.Port > 0 ? uri.Port : 4840;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OperationTimeout);
        try
        {
            if (options.Connector is not null)
            {
                return await options.Connector(uri.Host, port, timeout.Token).ConfigureAwait(false);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(uri.Host, port, timeout.Token).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpcUaException(StatusCodes.BadTimeout, $"Connecting to {uri.Host}:{port} timed out.");
        }
        catch (SocketException exception)
        {
            throw new OpcUaException(StatusCodes.BadNotConnected, $"Cannot connect to {uri.Host}:{port}: {exception.SocketErrorCode}.", exception);
        }
        catch (IOException exception)
        {
            throw new OpcUaException(StatusCodes.BadNotConnected, $"Cannot connect to {uri.Host}:{port}: {exception.Message}", exception);
        }
    }

    private async Task OpenChannelAsync(CancellationToken cancellationToken)
    {
        if (!_policy.IsNone && _clientCertificate is null)
        {
            _store ??= new CertificateStore(_options.PkiRoot!, _options.TimeProvider);
            try
            {
                _clientCertificate = _store.GetOrCreateApplicationCertificate(_options.ApplicationName, _options.ResolvedApplicationUri);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new OpcUaCertificateException(StatusCodes.BadConfigurationError, $"The application certificate in {_store.OwnDirectory} cannot be loaded or created: {exception.Message}");
            }
        }

        var endpoints = await GetEndpointsAsync(_options, cancellationToken).ConfigureAwait(false);
        var endpoint = EndpointSelector.Select(endpoints, _policy.Uri, _options.SecurityMode);
        X509Certificate2? serverCertificate = null;
        if (endpoint.ServerCertificate is { Length: > 0 })
        {
            serverCertificate = CertificateChain.LoadLeaf(endpoint.ServerCertificate);
        }

        if (!_policy.IsNone)
        {
            ValidateServerCertificate(serverCertificate);
        }

        var stream = await ConnectStreamAsync(_options, cancellationToken).ConfigureAwait(false);
        _channel = await UaSecureChannel.OpenAsync(stream, new SecureChannelOptions
        {
            EndpointUrl = _options.EndpointUrl,
            Policy = _policy,
            Mode = _options.SecurityMode,
            ClientCertificate = _clientCertificate,
            ServerCertificate = serverCertificate,
            Limits = _options.Limits,
            RequestedLifetime = _options.SecureChannelLifetime,
            OperationTimeout = _options.OperationTimeout,
            TimeProvider = _options.TimeProvider,
        }, cancellationToken).ConfigureAwait(false);
        _endpoint = endpoint;
        _serverCertificate = serverCertificate;
    }

    private void ValidateServerCertificate(X509Certificate2? serverCertificate)
    {
        if (serverCertificate is null)
        {
            throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, "The secure endpoint has no server certificate.");
        }

        try
        {
            _store!.ValidateServerCertificate(serverCertificate, _options.AutoAcceptUntrustedCertificates);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new OpcUaCertificateException(StatusCodes.BadConfigurationError, $"The PKI folder {_store!.Root} cannot be used: {exception.Message}");
        }
    }

    private async Task StartConnectionAsync(CancellationToken cancellationToken)
    {
        await ReadServerInfoAsync(cancellationToken).ConfigureAwait(false);
        var cts = new CancellationTokenSource();
        _connectionCts = cts;
        Volatile.Write(ref _connectionLostRaised, 0);
        var channel = _channel!;
        _ = channel.Closed.ContinueWith(
            task => RaiseConnectionLost(task.Result ?? new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel was closed.")),
            cts.Token,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (_options.KeepAliveInterval > TimeSpan.Zero)
        {
            _ = KeepAliveLoopAsync(cts.Token);
        }

        StartPublishing(cts.Token);
    }

    private void StopConnection()
    {
        Volatile.Write(ref _connectionLostRaised, 1);
        var cts = Interlocked.Exchange(ref _connectionCts, null);
        cts?.Cancel();
        cts?.Dispose();
    }

    private async Task DropChannelAsync()
    {
        var channel = Interlocked.Exchange(ref _channel, null);
        if (channel is not null)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.KeepAliveInterval, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                var timeout = _options.OperationTimeout < _options.KeepAliveInterval * 2 ? _options.OperationTimeout : _options.KeepAliveInterval * 2;
                await SendAsync<ReadResponse>(new ReadRequest
                {
                    NodesToRead = [new ReadValueId { NodeId = WellKnownNodeIds.ServerStatusCurrentTime, AttributeId = AttributeIds.Value }],
                    TimestampsToReturn = TimestampsToReturn.Neither,
                }, timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OpcUaException exception)
        {
            RaiseConnectionLost(new OpcUaException(exception.StatusCode, $"Keep-alive failed: {exception.Message}", exception));
        }
    }
}
