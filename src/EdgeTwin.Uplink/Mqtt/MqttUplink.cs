using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Storage;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// Sends committed outbox messages to the broker with QoS 1, in seq order, with an in-flight window; a message is
/// removed from the outbox only after its PUBACK. Reconnects with back-off and resends whatever was not acknowledged
/// (so delivery is at-least-once and subscribers de-duplicate by seq).
/// </summary>
public sealed partial class MqttUplink : IAsyncDisposable
{
    private readonly MqttConfig _config;
    private readonly TopicScheme _topics;
    private readonly Outbox _outbox;
    private readonly Func<bool, byte[]> _status;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentQueue<long> _acked = new();
    private readonly string _clientId;

    /// <summary>Creates the uplink. <paramref name="status"/> builds the retained status payload (online flag given).</summary>
    public MqttUplink(MqttConfig config, TopicScheme topics, Outbox outbox, Func<bool, byte[]> status, ILogger logger)
    {
        _config = config;
        _topics = topics;
        _outbox = outbox;
        _status = status;
        _logger = logger;
        _clientId = config.ClientId ?? "edgetwin-" + topics.Gateway;
        _client = new MqttClientFactory().CreateMqttClient();
        _outbox.Committed += () => _wake.Release();
    }

    /// <summary>Live state and counters.</summary>
    public UplinkState State { get; } = new();

    /// <summary>The MQTT client, for command subscriptions.</summary>
    public IMqttClient Client => _client;

    /// <summary>Raised after each successful connect (subscribe commands here).</summary>
    public event Func<IMqttClient, CancellationToken, Task>? Connected;

    /// <summary>Connects, sends, and reconnects until cancelled; then publishes the offline status and disconnects.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(500);
                await SendLoopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Every failure (broker down, TLS refused, bad credentials) is counted, logged and retried: the
                // data stays in the outbox meanwhile.
                State.Failed();
                State.LastError = ex.Message;
                Log.ConnectionLost(_logger, _config.Url.ToString(), ex.Message, backoff.TotalSeconds);
            }

            State.Connected = false;
            try
            {
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }

        await GoOfflineAsync().ConfigureAwait(false);
    }

    /// <summary>Publishes the retained status now (e.g. after a device changed state).</summary>
    public async Task PublishStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_client.IsConnected)
        {
            await _client.PublishAsync(Message(_topics.Status, _status(true), retain: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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

        var options = BuildOptions();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var result = await _client.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        State.Connected = true;
        State.LastError = null;
        State.ConnectedOnce();
        Log.Connected(_logger, _config.Url.ToString(), _clientId);
        await _client.PublishAsync(Message(_topics.Status, _status(true), retain: true), cancellationToken).ConfigureAwait(false);
        if (Connected is { } handler)
        {
            await handler(_client, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var window = Math.Max(1, _config.InFlight);
        using var slots = new SemaphoreSlim(window, window);
        var failed = 0;
        var lastSent = 0L;
        var statusEvery = TimeSpan.FromSeconds(10);
        var lastStatus = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!_client.IsConnected || Volatile.Read(ref failed) != 0)
            {
                throw new MqttCommunicationException("connection to the broker lost");
            }

            AcknowledgeCompleted();
            var batch = _outbox.ReadAfter(lastSent, window);
            if (batch.Count == 0)
            {
                if (Stopwatch.GetElapsedTime(lastStatus) >= statusEvery)
                {
                    await PublishStatusAsync(cancellationToken).ConfigureAwait(false);
                    lastStatus = Stopwatch.GetTimestamp();
                }

                await _wake.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var message in batch)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (Volatile.Read(ref failed) != 0)
                {
                    break;
                }

                lastSent = message.Seq;
                var started = Stopwatch.GetTimestamp();
                _ = _client.PublishAsync(Message(message.Topic, message.Payload, message.Retain), cancellationToken)
                    .ContinueWith(
                        t =>
                        {
                            if (t.IsCompletedSuccessfully && t.Result.IsSuccess)
                            {
                                _acked.Enqueue(message.Seq);
                                State.Acked(message.Seq, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                            }
                            else
                            {
                                Interlocked.Exchange(ref failed, 1);
                            }

                            slots.Release();
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
            }
        }
    }

    private void AcknowledgeCompleted()
    {
        if (_acked.IsEmpty)
        {
            return;
        }

        var seqs = new List<long>(_acked.Count);
        while (_acked.TryDequeue(out var seq))
        {
            seqs.Add(seq);
        }

        _outbox.Acknowledge(seqs);
    }

    private async Task GoOfflineAsync()
    {
        AcknowledgeCompleted();
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _client.PublishAsync(Message(_topics.Status, _status(false), retain: true), timeout.Token).ConfigureAwait(false);
            AcknowledgeCompleted();
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            Log.OfflineFailed(_logger, ex.Message);
        }

        State.Connected = false;
    }

    private MqttClientOptions BuildOptions()
    {
        var tls = string.Equals(_config.Url.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase);
        var port = _config.Url.IsDefaultPort || _config.Url.Port <= 0 ? (tls ? 8883 : 1883) : _config.Url.Port;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_config.Url.Host, port)
            .WithClientId(_clientId)
            .WithProtocolVersion(_config.ProtocolVersion == 4 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithCleanSession(_config.CleanSession)
            .WithKeepAlivePeriod(_config.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_topics.Status)
            .WithWillPayload(_status(false))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!_config.CleanSession && _config.ProtocolVersion != 4)
        {
            builder.WithSessionExpiryInterval(uint.MaxValue);
        }

        if (_config.Username is not null)
        {
            builder.WithCredentials(_config.Username, Credentials.ReadPassword(_config));
        }

        if (tls)
        {
            builder.WithTlsOptions(o => ConfigureTls(o, _config.Tls, _config.Url.Host));
        }

        return builder.Build();
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder o, TlsConfig? tls, string host)
    {
        o.UseTls();
        o.WithTargetHost(tls?.ServerName ?? host);
        if (tls?.CaFile is { } ca)
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(ca);
            o.WithTrustChain(chain);
        }

        if (tls?.CertFile is { } certFile)
        {
            var cert = X509Certificate2.CreateFromPemFile(certFile, tls.KeyFile);
            // SslStream on Linux needs the key in a persisted (PKCS#12-loaded) form.
            var exportable = X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
            o.WithClientCertificates(new[] { exportable });
        }
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Connected to MQTT broker {Url} as {ClientId}")]
        public static partial void Connected(ILogger logger, string url, string clientId);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "MQTT broker {Url} unavailable: {Reason}; retrying in {Seconds:0.0} s (data is buffered)")]
        public static partial void ConnectionLost(ILogger logger, string url, string reason, double seconds);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Could not publish the offline status: {Reason}")]
        public static partial void OfflineFailed(ILogger logger, string reason);
    }
}
