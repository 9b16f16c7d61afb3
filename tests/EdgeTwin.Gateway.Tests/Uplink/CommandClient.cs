using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// A platform-side client that sends commands to the gateway: MQTT 5 with response topic and correlation data, or
/// MQTT 3.1.1 with the request id in the topic and the answer on .../reply/{requestId}.
/// </summary>
internal sealed class CommandClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(JsonElement Body, byte[]? Correlation)>> _pending = new();
    private readonly string _root;
    private readonly bool _v5;
    private readonly string _replies = "platform/replies/" + Guid.NewGuid().ToString("N")[..8];

    private CommandClient(string root, bool v5)
    {
        _root = root;
        _v5 = v5;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var key = _v5 ? Encoding.UTF8.GetString(m.CorrelationData ?? []) : m.Topic[(m.Topic.LastIndexOf('/') + 1)..];
            if (_pending.TryRemove(key, out var waiter))
            {
                waiter.TrySetResult((JsonDocument.Parse(System.Buffers.BuffersExtensions.ToArray(m.Payload)).RootElement.Clone(), m.CorrelationData));
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Connects to the broker; <paramref name="root"/> is "{topicRoot}/{gateway}".</summary>
    public static async Task<CommandClient> ConnectAsync(int port, string root, bool v5 = true)
    {
        var client = new CommandClient(root, v5);
        await client._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithClientId("platform-" + Guid.NewGuid().ToString("N")[..8])
            .Build());
        await client._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(v5 ? client._replies : root + "/reply/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return client;
    }

    /// <summary>Sends <paramref name="body"/> to cmd/<paramref name="name"/> and waits for the answer.</summary>
    public async Task<JsonElement> RequestAsync(string name, string body, string? who = "operator-anna", TimeSpan? timeout = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var waiter = new TaskCompletionSource<(JsonElement, byte[]?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_v5 ? $"{_root}/cmd/{name}" : $"{_root}/cmd/{name}/{id}")
            .WithPayload(body)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_v5)
        {
            message.WithResponseTopic(_replies).WithCorrelationData(Encoding.UTF8.GetBytes(id));
            if (who is not null)
            {
                message.WithUserProperty("user", Encoding.UTF8.GetBytes(who).AsMemory());
            }
        }

        await _client.PublishAsync(message.Build());
        var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout ?? TimeSpan.FromSeconds(15)));
        if (done != waiter.Task)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"no answer to {name} {body} within {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s");
        }

        var (answer, correlation) = await waiter.Task;
        if (_v5)
        {
            Assert.Equal(id, Encoding.UTF8.GetString(correlation!));
        }

        return answer;
    }

    /// <summary>Publishes raw bytes to a command topic without waiting (for malformed requests without a reply).</summary>
    public Task SendRawAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
