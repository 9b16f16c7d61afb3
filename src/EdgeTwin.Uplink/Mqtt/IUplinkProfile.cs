using EdgeTwin.Storage;
using EdgeTwin.Uplink.Commands;
using MQTTnet;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// What differs between the JSON scheme and Sparkplug B in one MQTT session: the Last Will, what is published on
/// connect, how an outbox message goes on the wire, what happens while connected, and which commands come in.
/// All methods but <see cref="Handle"/> run on the uplink's send loop, one at a time, in publish order.
/// </summary>
internal interface IUplinkProfile
{
    /// <summary>Topic filters to subscribe after connecting (besides commands).</summary>
    IReadOnlyList<string> Subscriptions { get; }

    /// <summary>The Last Will of the next connection (called once per connect attempt).</summary>
    MqttApplicationMessage Will();

    /// <summary>Messages to publish, in order, right after connecting (births).</summary>
    void OnConnected(List<MqttApplicationMessage> output);

    /// <summary>
    /// The wire form of an outbox message: the last message added to <paramref name="output"/> is it; any before it
    /// must go first (e.g. a DBIRTH before a dead device's DDATA).
    /// </summary>
    void Prepare(OutboxMessage message, bool backfill, List<MqttApplicationMessage> output);

    /// <summary>Messages due now (deaths, births, rebirth); <paramref name="idle"/> when nothing waits to be sent.</summary>
    void Tick(bool idle, List<MqttApplicationMessage> output);

    /// <summary>Published before a clean disconnect, or null.</summary>
    MqttApplicationMessage? Farewell();

    /// <summary>
    /// Handles a received message on one of <see cref="Subscriptions"/> (any thread); adds the commands it carries to
    /// <paramref name="commands"/>. False when the message is not the profile's.
    /// </summary>
    bool Handle(MqttApplicationMessage message, List<CommandEnvelope> commands);
}
