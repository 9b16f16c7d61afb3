using System.Text.Json;

namespace EdgeTwin.Gateway.Commands;

/// <summary>One command being executed.</summary>
/// <param name="Name">Command name.</param>
/// <param name="RequestId">Request id (MQTT 3.1.1 fallback topic), if any.</param>
/// <param name="Arguments">The request body: always a JSON object (empty when the request had no body).</param>
/// <param name="Who">Who asked, as far as the transport knows (MQTT user property "user"/"client", "sparkplug:DCMD", ...).</param>
/// <param name="Transport">"mqtt5", "mqtt3", "sparkplug", "http", ...</param>
/// <param name="Received">When the router received it (UTC).</param>
public sealed record CommandContext(string Name, string? RequestId, JsonElement Arguments, string Who, string Transport, DateTime Received)
{
    /// <summary>A required string argument; throws <see cref="CommandException"/> (bad-request) when missing or not a string.</summary>
    public string RequiredString(string name) =>
        Arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw CommandException.BadRequest($"'{name}' (a non-empty string) is required");

    /// <summary>An optional argument, or null when absent.</summary>
    public JsonElement? Optional(string name) => Arguments.TryGetProperty(name, out var value) ? value : null;
}
