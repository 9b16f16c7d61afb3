using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using EdgeTwin.Uplink.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>The JSON topic scheme: the Will is the offline status; messages go as stored, backlog ones marked.</summary>
internal sealed class JsonProfile : IUplinkProfile
{
    private readonly TopicScheme _topics;
    private readonly Func<bool, byte[]> _status;

    public JsonProfile(TopicScheme topics, Func<bool, byte[]> status)
    {
        _topics = topics;
        _status = status;
    }

    public IReadOnlyList<string> Subscriptions => [];

    public MqttApplicationMessage Will() => MqttMessages.Create(_topics.Status, _status(false), retain: true);

    public void OnConnected(List<MqttApplicationMessage> output)
    {
    }

    public void Prepare(OutboxMessage message, bool backfill, List<MqttApplicationMessage> output) =>
        output.Add(MqttMessages.ForOutbox(message, backfill));

    public void Tick(bool idle, List<MqttApplicationMessage> output)
    {
    }

    public MqttApplicationMessage? Farewell() => null;

    public bool Handle(MqttApplicationMessage message, List<CommandEnvelope> commands) => false;
}

/// <summary>Builds the application messages the uplink publishes.</summary>
internal static class MqttMessages
{
    public static MqttApplicationMessage Create(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();

    /// <summary>
    /// An outbox message as sent: a backlog message overtaken by newer data is marked and never retained (it must not
    /// replace the newer retained state).
    /// </summary>
    public static MqttApplicationMessage ForOutbox(OutboxMessage message, bool backfill) =>
        backfill ? Create(message.Topic, BackfillMarker.Mark(message.Payload), retain: false) : Create(message.Topic, message.Payload, message.Retain);
}
