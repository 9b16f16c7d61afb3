using System.Buffers;
using System.Text.Json;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Commands;

/// <summary>
/// The JSON bodies of command responses (config/schemas/command-response.schema.json):
/// <c>{"ok":true,"command":"ping","requestId":"r1","ts":"...","result":{...}}</c> or
/// <c>{"ok":false,"command":"write","requestId":"r1","ts":"...","error":{"code":"denied","message":"..."}}</c>.
/// </summary>
public static class CommandResponse
{
    /// <summary>A success response; <paramref name="result"/> writes the members of the result object.</summary>
    public static byte[] Ok(string command, string? requestId, DateTime time, Action<Utf8JsonWriter>? result) =>
        Write(command, requestId, time, w =>
        {
            w.WriteBoolean("ok", true);
            w.WriteStartObject("result");
            result?.Invoke(w);
            w.WriteEndObject();
        });

    /// <summary>An error response with a machine-readable <paramref name="code"/> and a clear <paramref name="message"/>.</summary>
    public static byte[] Error(string? command, string? requestId, DateTime time, string code, string message) =>
        Write(command, requestId, time, w =>
        {
            w.WriteBoolean("ok", false);
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        });

    private static byte[] Write(string? command, string? requestId, DateTime time, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            if (command is null)
            {
                w.WriteNull("command");
            }
            else
            {
                w.WriteString("command", command);
            }

            if (requestId is not null)
            {
                w.WriteString("requestId", requestId);
            }

            JsonFormat.WriteTimestamp(w, "ts", time);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
