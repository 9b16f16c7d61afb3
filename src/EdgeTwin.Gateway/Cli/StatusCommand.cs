using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin status [--url http://127.0.0.1:8080] [--token-file FILE]</c>: the running gateway's summary (devices,
/// assets, alarms, backlog, uplink) from its HTTP API, for a terminal.
/// </summary>
public static class StatusCommand
{
    /// <summary>Exit code when the gateway cannot be reached or answers with an error.</summary>
    public const int UnreachableExit = 1;

    /// <summary>Exit code when the gateway answers but is not ready.</summary>
    public const int NotReadyExit = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var daemon = new DaemonAddress();
        var command = new Command("status", "Show the running gateway's devices, assets, alarms and backlog (from its HTTP API)") { daemon.Url, daemon.TokenFile };
        command.SetAction(async (parse, ct) =>
        {
            if (await daemon.ReadAsync(parse, ct).ConfigureAwait(false) is not var (baseUri, token))
            {
                return UnreachableExit;
            }

            return await RunAsync(baseUri, token, Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Fetches <c>/api/status</c> and <c>/api/alarms</c> from <paramref name="baseUri"/> and prints the summary.</summary>
    public static async Task<int> RunAsync(Uri baseUri, string? token, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        JsonDocument status, alarms;
        try
        {
            status = await GetAsync(http, "/api/status", cancellationToken).ConfigureAwait(false);
            alarms = await GetAsync(http, "/api/alarms", cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"edgetwin status: cannot reach {baseUri}: {ex.Message} (is the gateway running with http.enabled?)").ConfigureAwait(false);
            return UnreachableExit;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"edgetwin status: {baseUri} did not answer within 10 s").ConfigureAwait(false);
            return UnreachableExit;
        }
        catch (StatusException ex)
        {
            await error.WriteLineAsync($"edgetwin status: {ex.Message}").ConfigureAwait(false);
            return UnreachableExit;
        }

        using (status)
        using (alarms)
        {
            await output.WriteAsync(Format(status.RootElement, alarms.RootElement)).ConfigureAwait(false);
            return status.RootElement.GetProperty("ready").GetBoolean() ? 0 : NotReadyExit;
        }
    }

    /// <summary>The text summary of a <c>/api/status</c> and a <c>/api/alarms</c> answer.</summary>
    public static string Format(JsonElement status, JsonElement alarms)
    {
        var s = new StringBuilder();
        var site = Str(status, "site") is { } siteName ? $" at {siteName}" : string.Empty;
        s.Append(Inv, $"gateway  {Str(status, "gateway")}{site}, version {Str(status, "version")}, up {Age(status.GetProperty("uptimeSeconds").GetDouble())}, ");
        s.AppendLine(status.GetProperty("ready").GetBoolean() ? "ready" : "NOT READY");
        foreach (var reason in status.GetProperty("reasons").EnumerateArray())
        {
            s.AppendLine(Inv, $"         - {reason.GetString()}");
        }

        var uplink = status.GetProperty("uplink");
        if (uplink.GetProperty("configured").GetBoolean())
        {
            var state = uplink.GetProperty("connected").GetBoolean() ? "connected" : "NOT connected";
            var latency = Num(uplink, "latencyMs") is { } ms ? $", publish latency {ms.ToString("0.#", Inv)} ms" : string.Empty;
            var lastError = Str(uplink, "error") is { } e && !uplink.GetProperty("connected").GetBoolean() ? $" ({e})" : string.Empty;
            s.AppendLine(Inv, $"uplink   {Str(uplink, "url")} {state}{lastError}, acked seq {uplink.GetProperty("ackedSeq").GetInt64()}{latency}");
        }
        else
        {
            s.AppendLine("uplink   none configured (data stays in the store)");
        }

        var backlog = status.GetProperty("backlog");
        var oldest = Num(backlog, "oldestAgeSeconds") is { } age ? Age(age) + " old" : "-";
        s.AppendLine(Inv, $"backlog  {backlog.GetProperty("messages").GetInt64()} messages, {Bytes(backlog.GetProperty("bytes").GetInt64())}, oldest {oldest}, dropped {backlog.GetProperty("dropped").GetInt64()}, last seq {backlog.GetProperty("lastSeq").GetInt64()}");
        s.AppendLine(Inv, $"samples  {Num(status, "samplesPerSecond")?.ToString("0.#", Inv) ?? "-"}/s");
        s.AppendLine();

        var now = DateTime.Parse(Str(status, "ts")!, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var devices = status.GetProperty("devices").EnumerateArray().Select(d => new[]
        {
            Str(d, "id")!, Str(d, "state")!, Str(d, "protocol")!,
            d.GetProperty("polls").GetInt64().ToString(Inv), d.GetProperty("errors").GetInt64().ToString(Inv),
            d.GetProperty("timeouts").GetInt64().ToString(Inv),
            Str(d, "lastPoll") is { } poll ? Age((now - DateTime.Parse(poll, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).TotalSeconds) + " ago" : "-",
            Str(d, "error") ?? string.Empty,
        }).ToList();
        Table(s, ["DEVICE", "STATE", "PROTOCOL", "POLLS", "ERRORS", "TIMEOUTS", "LAST POLL", "ERROR"], devices);
        s.AppendLine();

        var assets = status.GetProperty("assets").EnumerateArray().Select(a => new[]
        {
            Str(a, "id")!, Str(a, "type")!, Str(a, "status")!,
            Num(a, "health")?.ToString("0", Inv) ?? "-",
            Num(a, "confidence")?.ToString("0.00", Inv) ?? "-",
            Num(a, "anomalyScore") is { } score ? score.ToString("0.###", Inv) + (a.GetProperty("anomalous").GetBoolean() ? " ANOMALY" : string.Empty) : "no model",
            Num(a, "rulHours") is { } rul ? rul.ToString("0.#", Inv) + " h" : "no model",
            a.GetProperty("activeAlarms").GetInt32().ToString(Inv),
        }).ToList();
        Table(s, ["ASSET", "TYPE", "STATUS", "HEALTH", "CONFIDENCE", "ANOMALY", "RUL", "ALARMS"], assets);
        s.AppendLine();

        var active = alarms.GetProperty("alarms").EnumerateArray().Where(a => a.GetProperty("active").GetBoolean()).ToList();
        var counts = status.GetProperty("alarms");
        s.AppendLine(Inv, $"alarms   {counts.GetProperty("active").GetInt32()} active, {counts.GetProperty("unacknowledged").GetInt32()} unacknowledged, {counts.GetProperty("configured").GetInt32()} configured");
        if (active.Count > 0)
        {
            var rows = active.Select(a => new[]
            {
                Str(a, "key")!, Str(a, "severity")!,
                $"{Str(a, "property")} {Num(a, "value")?.ToString("0.###", Inv) ?? "-"} ({Str(a, "limit")} limit)",
                Str(a, "raisedAt") is { } raised ? DateTime.Parse(raised, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv) : "-",
                a.GetProperty("acknowledged").GetBoolean() ? "acknowledged" : "UNACKNOWLEDGED",
                a.GetProperty("condition").GetBoolean() ? string.Empty : "back in range",
            }).ToList();
            Table(s, ["ALARM", "SEVERITY", "VALUE", "RAISED", "STATE", ""], rows);
        }

        return s.ToString();
    }

    private static async Task<JsonDocument> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = document is not null && document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
            document?.Dispose();
            throw new StatusException($"{path}: {(int)response.StatusCode} {response.ReasonPhrase}{(message is null ? string.Empty : ": " + message)}");
        }

        return document ?? throw new StatusException($"{path}: the answer is not JSON (is this an EdgeTwin gateway?)");
    }

    private static void Table(StringBuilder s, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        s.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            s.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        if (rows.Count == 0)
        {
            s.AppendLine("(none)");
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string Age(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.#", Inv) + " s",
        < 3600 => $"{Math.Floor(seconds / 60).ToString(Inv)} min {Math.Floor(seconds % 60).ToString(Inv)} s",
        < 86400 => $"{Math.Floor(seconds / 3600).ToString(Inv)} h {Math.Floor(seconds % 3600 / 60).ToString(Inv)} min",
        _ => $"{Math.Floor(seconds / 86400).ToString(Inv)} d {Math.Floor(seconds % 86400 / 3600).ToString(Inv)} h",
    };

    private static string Bytes(long n) => n switch
    {
        < 1024 => n.ToString(Inv) + " B",
        < 1024 * 1024 => (n / 1024.0).ToString("0.0", Inv) + " KiB",
        _ => (n / 1024.0 / 1024.0).ToString("0.0", Inv) + " MiB",
    };

    private sealed class StatusException(string message) : Exception(message);
}
