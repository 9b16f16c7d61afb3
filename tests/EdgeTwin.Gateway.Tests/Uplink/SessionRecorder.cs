using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// An independent MQTT 5 subscriber with a persistent session that reconnects by itself, so a broker restart loses
/// nothing for it. Records every message with its arrival time, retain flag and user properties.
/// </summary>
internal sealed class SessionRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Message> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly MqttClientOptions _options;
    private readonly string[] _filters;
    private Task _reconnect = Task.CompletedTask;

    private SessionRecorder(int port, string[] filters)
    {
        _filters = filters;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("session-recorder-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var properties = (m.UserProperties ?? []).ToDictionary(p => p.Name, p => p.ReadValueAsString());
            _messages.Enqueue(new Message(m.Topic, System.Buffers.BuffersExtensions.ToArray(m.Payload), m.Retain, properties, DateTime.UtcNow));
            return Task.CompletedTask;
        };
    }

    public sealed record Message(string Topic, byte[] Payload, bool Retain, IReadOnlyDictionary<string, string> UserProperties, DateTime Arrived)
    {
        public string Text => Encoding.UTF8.GetString(Payload);

        public JsonElement Json => JsonDocument.Parse(Payload).RootElement.Clone();
    }

    public IReadOnlyList<Message> Messages => _messages.ToArray();

    /// <summary>Times the recorder connected (first time included).</summary>
    public int Connects { get; private set; }

    /// <summary>When it last (re)connected.</summary>
    public DateTime LastConnected { get; private set; }

    public static async Task<SessionRecorder> StartAsync(int port, params string[] filters)
    {
        var recorder = new SessionRecorder(port, filters);
        await recorder.ConnectAsync();
        recorder._reconnect = recorder.KeepConnectedAsync();
        return recorder;
    }

    public async Task<Message> WaitForAsync(Func<Message, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.FirstOrDefault(predicate) is { } hit)
            {
                return hit;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no message with {what} within {timeout.TotalSeconds} s; got {_messages.Count}, last: " +
            string.Join("; ", _messages.TakeLast(5).Select(m => m.Topic + " " + m.Text[..Math.Min(160, m.Text.Length)])));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reconnect;
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync()
    {
        var result = await _client.ConnectAsync(_options);
        Connects++;
        LastConnected = DateTime.UtcNow;
        if (!result.IsSessionPresent)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in _filters)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build());
        }
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(50, _stop.Token);
                if (!_client.IsConnected)
                {
                    await ConnectAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                // Broker still down: try again shortly.
            }
        }
    }
}
