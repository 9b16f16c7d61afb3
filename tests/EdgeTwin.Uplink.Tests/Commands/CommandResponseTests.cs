using System.Text.Json;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Commands;

namespace EdgeTwin.Uplink.Tests.Commands;

/// <summary>Command answers carry what config/schemas/command-response.schema.json promises the platform.</summary>
public sealed class CommandResponseTests
{
    private static readonly DateTime Time = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_success_has_ok_command_request_id_timestamp_and_the_result_object()
    {
        using var answer = JsonDocument.Parse(CommandResponse.Ok("ping", "r1", Time, w => w.WriteBoolean("pong", true)));
        var root = answer.RootElement;
        AssertSchema(root);
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("ping", root.GetProperty("command").GetString());
        Assert.Equal("r1", root.GetProperty("requestId").GetString());
        Assert.Equal(Time, root.GetProperty("ts").GetDateTime().ToUniversalTime());
        Assert.True(root.GetProperty("result").GetProperty("pong").GetBoolean());
        Assert.False(root.TryGetProperty("error", out _));
    }

    [Fact]
    public void An_error_has_a_code_from_the_schema_and_a_message_and_no_result()
    {
        using var answer = JsonDocument.Parse(CommandResponse.Error(null, null, Time, "bad-topic", "'x' is not a command topic"));
        var root = answer.RootElement;
        AssertSchema(root);
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("command").ValueKind);
        Assert.False(root.TryGetProperty("requestId", out _));
        Assert.False(root.TryGetProperty("result", out _));
        Assert.Equal("'x' is not a command topic", root.GetProperty("error").GetProperty("message").GetString());
    }

    /// <summary>The schema's required fields, the ok/result/error rule and the error code list hold for <paramref name="answer"/>.</summary>
    private static void AssertSchema(JsonElement answer)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "schemas", "command-response.schema.json")));
        var s = schema.RootElement;
        foreach (var field in s.GetProperty("required").EnumerateArray().Select(f => f.GetString()!))
        {
            Assert.True(answer.TryGetProperty(field, out _), $"'{field}' missing in {answer}");
        }

        var ok = answer.GetProperty("ok").GetBoolean();
        var branch = s.GetProperty(ok ? "then" : "else").GetProperty("required")[0].GetString()!;
        Assert.True(answer.TryGetProperty(branch, out _), $"'{branch}' missing in {answer}");
        if (!ok)
        {
            var codes = s.GetProperty("properties").GetProperty("error").GetProperty("properties").GetProperty("code").GetProperty("enum")
                .EnumerateArray().Select(c => c.GetString()).ToHashSet();
            Assert.Contains(answer.GetProperty("error").GetProperty("code").GetString(), codes);
        }
    }
}
