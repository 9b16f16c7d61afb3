namespace EdgeTwin.OpcUa.Client;

/// <summary>
/// Keeps an <see cref="OpcUaClient"/> connected: connects with exponential back-off, and after a server restart,
/// network cut, session timeout or secure-channel failure reconnects (resuming the session, or transferring or
/// re-creating its subscriptions). State changes, and so data gaps, are reported through <see cref="StateChanged"/>.
/// </summary>
public sealed class OpcUaSessionManager : IAsyncDisposable
{
    private readonly ReconnectPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<OpcUaException> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private OpcUaConnectionState _state;

    /// <summary>Creates a manager for a client with these options.</summary>
    public OpcUaSessionManager(OpcUaClientOptions options, ReconnectPolicy? policy = null)
    {
        Client = new OpcUaClient(options);
        _policy = policy ?? new ReconnectPolicy();
        _timeProvider = options.TimeProvider;
        Client.ConnectionLost += (_, e) => _lost.TrySetResult(e.Reason);
    }

    /// <summary>The managed client (create subscriptions on it once connected; they survive reconnects).</summary>
    public OpcUaClient Client { get; }

    /// <summary>The current state.</summary>
    public OpcUaConnectionState State => _state;

    /// <summary>Number of successful reconnects since start.</summary>
    public int ReconnectCount { get; private set; }

    /// <summary>Raised on the manager's loop whenever the state changes.</summary>
    public event Action<OpcUaConnectionStateChange>? StateChanged;

    /// <summary>Starts the connection loop in the background; returns at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_loop is not null)
            {
                return Task.CompletedTask;
            }

            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _loop = RunAsync(_stop.Token);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the first connection succeeded.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) => _firstConnection.Task.WaitAsync(cancellationToken);

    /// <summary>Stops the loop and closes the session (deleting its subscriptions).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (_lock)
        {
            loop = _loop;
            _loop = null;
            _stop?.Cancel();
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        await Client.CloseAsync(deleteSubscriptions: true, cancellationToken).ConfigureAwait(false);
        SetState(OpcUaConnectionState.Disconnected, null, null, null);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop?.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var connectedOnce = false;
        DateTime? gapStart = null;
        var attempt = 0;
        SetState(OpcUaConnectionState.Connecting, null, null, null);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _lost = new TaskCompletionSource<OpcUaException>(TaskCreationOptions.RunContinuationsAsynchronously);
                ReconnectResult? result = null;
                if (!connectedOnce)
                {
                    await Client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    result = await Client.ReconnectAsync(cancellationToken).ConfigureAwait(false);
                    ReconnectCount++;
                }

                connectedOnce = true;
                attempt = 0;
                SetState(OpcUaConnectionState.Connected, null, result, gapStart);
                _firstConnection.TrySetResult();
                var reason = await _lost.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                gapStart = _timeProvider.GetUtcNow().UtcDateTime;
                SetState(OpcUaConnectionState.Reconnecting, reason, null, gapStart);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (OpcUaException exception)
            {
                SetState(connectedOnce ? OpcUaConnectionState.Reconnecting : OpcUaConnectionState.Connecting, exception, null, gapStart);
                try
                {
                    await Task.Delay(_policy.DelayFor(attempt++), _timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void SetState(OpcUaConnectionState state, OpcUaException? reason, ReconnectResult? result, DateTime? gapStart)
    {
        _state = state;
        StateChanged?.Invoke(new OpcUaConnectionStateChange(state, _timeProvider.GetUtcNow().UtcDateTime, reason, result, state == OpcUaConnectionState.Connected ? gapStart : null));
    }
}
