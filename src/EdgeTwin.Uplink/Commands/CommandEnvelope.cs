namespace EdgeTwin.Uplink.Commands;

/// <summary>A command as it arrived, before the router parses it.</summary>
/// <param name="Name">Command name (the topic level after cmd/).</param>
/// <param name="RequestId">Request id of the MQTT 3.1.1 fallback topic, if any.</param>
/// <param name="Payload">The request body (JSON object, may be empty).</param>
/// <param name="Who">Who sent it, as far as the transport knows (user property, client id); "unknown" otherwise.</param>
/// <param name="Transport">How it came: "mqtt5", "mqtt3" or "sparkplug".</param>
public sealed record CommandEnvelope(string Name, string? RequestId, ReadOnlyMemory<byte> Payload, string Who, string Transport);
