using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Timing;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// Sends committed outbox messages to the broker with QoS 1 and an in-flight window; a message leaves the outbox only
/// after its PUBACK. Reconnects with back-off and resends whatever was not acknowledged (delivery is at-least-once;
/// subscribers de-duplicate by seq). After a reconnect the backlog is interleaved with live data
/// (<see cref="SendScheduler"/>); <see cref="BackfillCompleted"/> reports when it has drained. Commands received on
/// {root}/{gateway}/cmd/# go to <see cref="UplinkOptions.Commands"/>.
/// </summary>
public sealed partial class MqttUplink : IAsyncDisposable
{
    private static readonly TimeSpan AckFlushInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);
    private const int AckFlushCount = 256;
    private readonly MqttConfig _config;
    private readonly TopicScheme _topics;
    private readonly Outbox _outbox;
    private readonly Func<bool, byte[]> _status;
    private readonly ILogger _logger;
    private readonly UplinkOptions _options;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly IUplinkProfile _profile;
    private readonly CommandTransport? _commands;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentQueue<(OutboxMessage Message, bool Backfill)> _acked = new();
    private readonly string _clientId;
    private readonly bool _v5;
    private TlsMaterial? _tls;
    private int _failed;
    private int _disposed;
    private int _inFlight;
    private long _sendTurns;

    /// <summary>Creates the uplink. <paramref name="status"/> builds the retained status payload (online flag given).</summary>
    public MqttUplink(MqttConfig config, TopicScheme topics, Outbox outbox, Func<bool, byte[]> status, ILogger logger, UplinkOptions? options = null)
    {
        _config = config;
        _topics = topics;
        _outbox = outbox;
        _status = status;
        _logger = logger;
        _options = options ?? new UplinkOptions();
        _time = _options.Time;
        _v5 = config.ProtocolVersion != 4;
        _clientId = config.ClientId ?? "edgetwin-" + topics.Gateway;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        _profile = (IUplinkProfile?)_options.Sparkplug ?? new JsonProfile(topics, status);
        if (_options.Commands is { } dispatcher)
        {
            _commands = new CommandTransport(_client, topics, dispatcher, _v5, _time, logger);
        }

        _outbox.Committed += Signal;
    }

    /// <summary>Live state and counters.</summary>
    public UplinkState State { get; } = new();

    /// <summary>Turns of the send loop so far (each send, each wake-up).</summary>
    internal long SendTurns => Interlocked.Read(ref _sendTurns);

    /// <summary>The MQTT client (thread-safe publishing for other components).</summary>
    public IMqttClient Client => _client;

    /// <summary>Raised after each successful connect, after the births (subscribe extra topics here).</summary>
    public event Func<IMqttClient, CancellationToken, Task>? Connected;

    /// <summary>Raised (on the send loop) when a backlog found at connect has been sent and acknowledged completely.</summary>
    public event Action<BackfillSummary>? BackfillCompleted;

    /// <summary>Connects, sends, and reconnects until cancelled; then says goodbye (NDEATH, offline status) and disconnects.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var commands = _commands?.RunAsync(cancellationToken) ?? Task.CompletedTask;
        var initial = TimeSpan.FromMilliseconds(500);
        var backoff = initial;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                backoff = initial;
                await SendLoopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (UplinkConfigurationException ex)
            {
                // Our own settings (a TLS file, a password variable): say exactly which, keep the data, keep trying.
                State.Failed();
                State.LastError = ex.Message;
                Log.SettingsUnusable(_logger, ex.Message, backoff.TotalSeconds);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Broker down, TLS refused, bad credentials: counted, logged and retried; the data stays in the outbox.
                State.Failed();
                State.LastError = Describe(ex);
                Log.ConnectionLost(_logger, _config.Url.ToString(), State.LastError, backoff.TotalSeconds);
            }

            State.Connected = false;
            try
            {
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Math.Max(initial.Ticks, _config.MaxBackoff.Ticks)));
        }

        await GoOfflineAsync().ConfigureAwait(false);
        await commands.ConfigureAwait(false);
    }

    /// <summary>Publishes the retained status now (e.g. after a device changed state).</summary>
    public async Task PublishStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_client.IsConnected)
        {
            await _client.PublishAsync(MqttMessages.Create(_topics.Status, _status(true), retain: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _outbox.Committed -= Signal;
        await GoOfflineAsync().ConfigureAwait(false);
        _client.Dispose();
        _wake.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        var tls = string.Equals(_config.Url.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase);
        _tls = tls ? TlsMaterial.Load(_config.Tls, _config.Url.Host) : null;
        var options = MqttOptions.Build(_config, _clientId, _profile.Will(), _tls);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var result = await _client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttCommunicationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd());
        }

        State.Connected = true;
        State.LastError = null;
        State.ConnectedOnce();
        Log.Connected(_logger, _config.Url.ToString(), _clientId, _v5 ? "5" : "3.1.1", result.IsSessionPresent);

        // Subscribed before saying "online": a platform that reacts to the online status with a command is heard.
        var filters = _profile.Subscriptions.ToList();
        if (_commands is not null)
        {
            filters.Add(_commands.Filter);
        }

        if (filters.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in filters)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        }

        await _client.PublishAsync(MqttMessages.Create(_topics.Status, _status(true), retain: true), cancellationToken).ConfigureAwait(false);
        var births = new List<MqttApplicationMessage>();
        _profile.OnConnected(births);
        foreach (var birth in births)
        {
            await PublishCheckedAsync(birth, cancellationToken).ConfigureAwait(false);
        }

        if (Connected is { } handler)
        {
            await handler(_client, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var scheduler = new SendScheduler(_outbox, _options.BackfillRate, _time);
        var window = Math.Max(1, _config.InFlight);
        using var slots = new SemaphoreSlim(window, window);
        Volatile.Write(ref _failed, 0);
        var prepared = new List<MqttApplicationMessage>(2);
        var acks = new List<OutboxMessage>(AckFlushCount);
        if (scheduler.Boundary > State.LastAckedSeq && _outbox.Backlog.Messages > 0)
        {
            Log.Backlog(_logger, _outbox.Backlog.Messages, scheduler.Boundary);
        }

        try
        {
            await SendAsync(scheduler, slots, prepared, acks, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Acknowledged by the broker: remove them whatever ended the session.
            _outbox.Acknowledge(acks);
        }
    }

    private async Task SendAsync(SendScheduler scheduler, SemaphoreSlim slots, List<MqttApplicationMessage> prepared, List<OutboxMessage> acks, CancellationToken cancellationToken)
    {
        var lastAckFlush = _time.GetTimestamp();
        var lastStatus = _time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _sendTurns);
            if (!_client.IsConnected || Volatile.Read(ref _failed) != 0)
            {
                throw new MqttCommunicationException("connection to the broker lost");
            }

            while (_acked.TryDequeue(out var done))
            {
                acks.Add(done.Message);
                if (done.Backfill)
                {
                    scheduler.BackfillAcked();
                }
            }

            // Deleting acknowledged messages is a LiteDB transaction: done between sends only for a full batch of
            // them, otherwise once nothing is ready to send, so it never holds up a message committed meanwhile.
            if (acks.Count >= AckFlushCount)
            {
                AcknowledgeNow(acks, ref lastAckFlush);
            }

            if (scheduler.TryCompleteBackfill(out var took))
            {
                _outbox.Acknowledge(acks);
                acks.Clear();
                var summary = new BackfillSummary(scheduler.BackfillSent, scheduler.BackfillRange.First, scheduler.BackfillRange.Last, took);
                Log.BackfillDone(_logger, summary.Messages, took.TotalSeconds);
                BackfillCompleted?.Invoke(summary);
            }

            var ready = scheduler.TryNext(out var message, out var backfill);
            prepared.Clear();
            _profile.Tick(idle: !ready, prepared);
            foreach (var extra in prepared)
            {
                await PublishCheckedAsync(extra, cancellationToken).ConfigureAwait(false);
            }

            if (_time.GetElapsedTime(lastStatus) >= _options.StatusInterval)
            {
                await PublishStatusAsync(cancellationToken).ConfigureAwait(false);
                lastStatus = _time.GetTimestamp();
            }

            if (!ready)
            {
                var sinceFlush = _time.GetElapsedTime(lastAckFlush);
                if (acks.Count > 0 && sinceFlush >= AckFlushInterval)
                {
                    AcknowledgeNow(acks, ref lastAckFlush);
                }

                // Woken at once by a commit, a command, a failed publish or a PUBACK the loop must act on (see
                // StartPublish); the timeout is for the periodic work (status, the profile's tick, the backfill's rate
                // limit, acknowledgements waiting for their flush, live PUBACKs that came while it waited).
                var wait = scheduler.RateLimitedFor ?? IdleWait;
                if (acks.Count > 0 && AckFlushInterval - sinceFlush is var flushDue && flushDue < wait)
                {
                    wait = flushDue;
                }

                await _wake.WaitAsync(Waits.AtLeastOneMillisecond(wait), cancellationToken).ConfigureAwait(false);
                continue;
            }

            prepared.Clear();
            _profile.Prepare(message, backfill, prepared);
            for (var i = 0; i < prepared.Count - 1; i++)
            {
                await PublishCheckedAsync(prepared[i], cancellationToken).ConfigureAwait(false);
            }

            var wire = prepared[^1];
            if (backfill && _v5)
            {
                wire.UserProperties = [new MqttUserProperty("backfill", new ArraySegment<byte>("true"u8.ToArray()))];
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            StartPublish(wire, message, backfill, slots);
        }
    }

    private void AcknowledgeNow(List<OutboxMessage> acks, ref long lastAckFlush)
    {
        _outbox.Acknowledge(acks);
        acks.Clear();
        lastAckFlush = _time.GetTimestamp();
    }

    private void StartPublish(MqttApplicationMessage wire, OutboxMessage message, bool backfill, SemaphoreSlim slots)
    {
        // Not cancelled by stopping: a message the broker already has must still get its PUBACK counted, or it would
        // stay in the outbox and be sent again after the restart. A lost connection ends it anyway.
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        _ = _client.PublishAsync(wire, CancellationToken.None).ContinueWith(
            t =>
            {
                var acked = t.IsCompletedSuccessfully && t.Result.IsSuccess;
                if (acked)
                {
                    _acked.Enqueue((message, backfill));
                    State.Acked(message.Seq, Stopwatch.GetElapsedTime(started).TotalMilliseconds, backfill);
                }
                else
                {
                    Interlocked.Exchange(ref _failed, 1);
                    _ = t.Exception;
                }

                Interlocked.Decrement(ref _inFlight);
                try
                {
                    slots.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The session ended; its window went with it.
                }

                // Wake the loop for what it must act on at once: a failure, a backfill's acknowledgement (the
                // backfill's end is timed and reported) or a full flush of them. A live message's acknowledgement
                // waits for the loop's next turn (the next commit, at the latest IdleWait), which deletes it with the
                // others: a wake-up per PUBACK was a thread-pool hop each, for nothing to send.
                if (!acked || backfill || _acked.Count >= AckFlushCount)
                {
                    Signal();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task PublishCheckedAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new MqttCommunicationException($"broker refused {message.Topic}: {result.ReasonCode} {result.ReasonString}".TrimEnd());
        }
    }

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (_commands?.TryAccept(message) == true)
        {
            return Task.CompletedTask;
        }

        var commands = new List<CommandEnvelope>();
        if (_profile.Handle(message, commands))
        {
            if (_options.Commands is { } dispatcher)
            {
                foreach (var command in commands)
                {
                    _ = RunDetachedAsync(dispatcher, command);
                }
            }

            Signal();
        }

        return Task.CompletedTask;
    }

    private async Task RunDetachedAsync(ICommandDispatcher dispatcher, CommandEnvelope command)
    {
        try
        {
            await dispatcher.DispatchAsync(command).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.DetachedCommandFailed(_logger, ex, command.Name, command.Transport);
        }
    }

    private void Signal()
    {
        // At most one pending wake-up: the loop re-reads everything when it wakes.
        if (Volatile.Read(ref _disposed) == 0 && _wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task GoOfflineAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                for (var i = 0; i < 50 && Volatile.Read(ref _inFlight) > 0; i++)
                {
                    await Task.Delay(20, timeout.Token).ConfigureAwait(false);
                }

                FlushAcks();
                if (_profile.Farewell() is { } farewell)
                {
                    await _client.PublishAsync(farewell, timeout.Token).ConfigureAwait(false);
                }

                await _client.PublishAsync(MqttMessages.Create(_topics.Status, _status(false), retain: true), timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                Log.OfflineFailed(_logger, ex.Message);
            }
        }

        FlushAcks();
        State.Connected = false;
    }

    private void FlushAcks()
    {
        var acks = new List<OutboxMessage>();
        while (_acked.TryDequeue(out var done))
        {
            acks.Add(done.Message);
        }

        _outbox.Acknowledge(acks);
    }

    private string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var text = inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
        if (_tls is null)
        {
            return text;
        }

        if (_tls.LastRejection is { } rejection)
        {
            return $"TLS: {rejection}";
        }

        return _tls.Client is null
            ? $"{text}; TLS handshake or session failed: if the broker requires client certificates, set mqtt.tls.cert and mqtt.tls.key"
            : $"{text}; TLS handshake or session failed: check that the broker trusts the client certificate";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Connected to MQTT broker {Url} as {ClientId} (MQTT {Version}, session present: {SessionPresent})")]
        public static partial void Connected(ILogger logger, string url, string clientId, string version, bool sessionPresent);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "MQTT broker {Url} unavailable: {Reason}; retrying in {Seconds:0.0} s (data is buffered)")]
        public static partial void ConnectionLost(ILogger logger, string url, string reason, double seconds);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Could not say goodbye to the broker: {Reason}")]
        public static partial void OfflineFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "MQTT settings unusable: {Reason}; retrying in {Seconds:0.0} s (data is buffered)")]
        public static partial void SettingsUnusable(ILogger logger, string reason, double seconds);

        [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Sending a backlog of {Messages} messages (up to seq {Boundary}) interleaved with live data")]
        public static partial void Backlog(ILogger logger, long messages, long boundary);

        [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Backlog sent: {Messages} messages backfilled in {Seconds:0.0} s")]
        public static partial void BackfillDone(ILogger logger, long messages, double seconds);

        [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Command {Name} from {Transport} failed inside the gateway")]
        public static partial void DetachedCommandFailed(ILogger logger, Exception exception, string name, string transport);
    }
}
