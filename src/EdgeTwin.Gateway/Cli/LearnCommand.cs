using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin learn ASSET [--url http://127.0.0.1:8080] [--token-file FILE] [--no-wait] [--timeout 2h]</c>: asks the
/// running gateway (through its HTTP API, like <c>edgetwin status</c>) to learn the asset's normal again, and shows the
/// progress until the new anomaly model is in service.
/// </summary>
public static class LearnCommand
{
    /// <summary>Exit code when the gateway cannot be reached or answers with an error.</summary>
    public const int UnreachableExit = 1;

    /// <summary>Exit code for an unknown asset or an asset without an anomaly model.</summary>
    public const int BadAssetExit = 2;

    /// <summary>Exit code when fitting the model failed.</summary>
    public const int FailedExit = 4;

    /// <summary>Exit code when learning did not finish within the timeout.</summary>
    public const int TimeoutExit = 5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var asset = new Argument<string>("asset") { Description = "Asset id (as in the configuration)" };
        var daemon = new DaemonAddress();
        var noWait = new Option<bool>("--no-wait") { Description = "Start learning and return without following the progress" };
        var timeout = new Option<string>("--timeout") { Description = "Give up following after this long (learning goes on in the gateway)", DefaultValueFactory = _ => "2h" };
        var command = new Command("learn", "Make the running gateway learn an asset's normal again (its anomaly model) and follow the progress") { asset, daemon.Url, daemon.TokenFile, noWait, timeout };
        command.SetAction(async (parse, ct) =>
        {
            if (!Durations.TryParse(parse.GetValue(timeout)!, out var limit) || limit <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"--timeout: '{parse.GetValue(timeout)}' is not a duration (e.g. 2h)");
                return UnreachableExit;
            }

            if (await daemon.ReadAsync(parse, ct).ConfigureAwait(false) is not var (baseUri, token))
            {
                return UnreachableExit;
            }

            return await RunAsync(baseUri, token, parse.GetRequiredValue(asset), !parse.GetValue(noWait), limit, Console.Out, Console.Error, TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Starts learning <paramref name="asset"/> and, when <paramref name="follow"/>, prints progress until done.</summary>
    public static async Task<int> RunAsync(Uri baseUri, string? token, string asset, bool follow, TimeSpan timeout, TextWriter output, TextWriter error, TimeSpan poll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var path = "/api/assets/" + Uri.EscapeDataString(asset);
        try
        {
            var (status, started) = await SendAsync(http, HttpMethod.Post, path + "/learn", cancellationToken).ConfigureAwait(false);
            using (started)
            {
                if (status is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
                {
                    await error.WriteLineAsync($"edgetwin learn: {Message(started, status)}").ConfigureAwait(false);
                    return BadAssetExit;
                }

                if (status != HttpStatusCode.OK || started is null)
                {
                    await error.WriteLineAsync($"edgetwin learn: the gateway refused: {Message(started, status)}").ConfigureAwait(false);
                    return UnreachableExit;
                }

                var since = started.RootElement.GetProperty("ts").GetDateTime();
                await output.WriteLineAsync($"{asset}: learning its normal from the next data").ConfigureAwait(false);
                return follow ? await FollowAsync(http, path, asset, since, timeout, poll, output, error, cancellationToken).ConfigureAwait(false) : 0;
            }
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"edgetwin learn: cannot reach {baseUri}: {ex.Message} (is the gateway running with http.enabled?)").ConfigureAwait(false);
            return UnreachableExit;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"edgetwin learn: {baseUri} did not answer within 15 s").ConfigureAwait(false);
            return UnreachableExit;
        }
    }

    private static async Task<int> FollowAsync(HttpClient http, string path, string asset, DateTime since, TimeSpan timeout, TimeSpan poll, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var shown = -1;
        while (DateTime.UtcNow < deadline)
        {
            var (status, document) = await SendAsync(http, HttpMethod.Get, path + "?minutes=1&points=2", cancellationToken).ConfigureAwait(false);
            using (document)
            {
                if (status != HttpStatusCode.OK || document is null)
                {
                    await error.WriteLineAsync($"edgetwin learn: {Message(document, status)}").ConfigureAwait(false);
                    return UnreachableExit;
                }

                var root = document.RootElement;

                // A snapshot taken before the learn request still shows the old model.
                if (root.GetProperty("ts").GetDateTime() >= since && root.GetProperty("anomaly") is { ValueKind: JsonValueKind.Object } anomaly)
                {
                    var state = anomaly.GetProperty("state").GetString();
                    switch (state)
                    {
                        case "learning" when anomaly.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number:
                            var percent = (int)Math.Floor(p.GetDouble() * 100);
                            if (percent != shown)
                            {
                                shown = percent;
                                await output.WriteLineAsync(string.Create(Inv, $"{asset}: learning {percent,3} %")).ConfigureAwait(false);
                            }

                            break;
                        case "ready":
                            if (shown < 100)
                            {
                                // Learning may end between two looks: the progress still ends at 100 %.
                                await output.WriteLineAsync(string.Create(Inv, $"{asset}: learning {100,3} %")).ConfigureAwait(false);
                            }

                            var threshold = anomaly.TryGetProperty("threshold", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble().ToString("0.###", Inv) : "-";
                            await output.WriteLineAsync($"{asset}: learned; the new anomaly model is in service (threshold {threshold})").ConfigureAwait(false);
                            return 0;
                        case "failed":
                            await error.WriteLineAsync($"edgetwin learn: fitting {asset}'s model failed (see the gateway's log and its learningFailed event)").ConfigureAwait(false);
                            return FailedExit;
                    }
                }
            }

            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"edgetwin learn: {asset} is still learning after {Durations.Format(timeout)}; it goes on in the gateway (edgetwin status shows it)").ConfigureAwait(false);
        return TimeoutExit;
    }

    private static async Task<(HttpStatusCode Status, JsonDocument? Body)> SendAsync(HttpClient http, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (response.StatusCode, body.Length == 0 ? null : JsonDocument.Parse(body));
        }
        catch (JsonException)
        {
            return (response.StatusCode, null);
        }
    }

    private static string Message(JsonDocument? document, HttpStatusCode status) =>
        document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var e)
            ? e.GetString() ?? status.ToString()
            : $"{(int)status} {status}";
}
