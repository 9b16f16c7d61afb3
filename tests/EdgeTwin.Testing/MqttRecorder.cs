using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace EdgeTwin.Testing;

/// <summary>An independent subscriber that records every message it gets.</summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<Received> _messages = new();

    private MqttRecorder(IMqttClient client) => _client = client;

    /// <summary>One received message.</summary>
    /// <param name="Topic">Topic.</param>
    /// <param name="Payload">Payload bytes.</param>
    /// <param name="Retain">Retain flag as delivered.</param>
    public sealed record Received(string Topic, byte[] Payload, bool Retain)
    {
        /// <summary>Payload as text.</summary>
        public string Text => Encoding.UTF8.GetString(Payload);

        /// <summary>Payload parsed as JSON.</summary>
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement.Clone();
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<Received> Messages => _messages.ToArray();

    /// <summary>Connects to <paramref name="port"/> and subscribes to <paramref name="filter"/>.</summary>
    public static async Task<MqttRecorder> StartAsync(int port, string filter)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var recorder = new MqttRecorder(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            recorder._messages.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("recorder-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return recorder;
    }

    /// <summary>Waits until a message satisfies <paramref name="predicate"/>; returns it.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var hit = _messages.FirstOrDefault(predicate);
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no message with {what} within {timeout.TotalSeconds} s; got {_messages.Count}: " +
            string.Join("; ", _messages.Take(10).Select(m => m.Topic + " " + m.Text[..Math.Min(200, m.Text.Length)])));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
