using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeTwin.Gateway.Cli;

/// <summary>One request of a CLI command to the running gateway's HTTP API, with the CLI's exit codes for its failures.</summary>
internal static class DaemonCall
{
    /// <summary>Exit code when the gateway cannot be reached or fails.</summary>
    public const int UnreachableExit = 1;

    /// <summary>Exit code for a request the gateway refuses (unknown target, bad arguments, no model yet).</summary>
    public const int BadRequestExit = 2;

    /// <summary>A number of an answer for a table (4 decimals), or "-" for null.</summary>
    public static string Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? Math.Round(e.GetDouble(), 4).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>
    /// Sends <paramref name="body"/> (GET without one) to <paramref name="path"/> and returns the answer's JSON text; on
    /// failure prints "edgetwin COMMAND: why" to <paramref name="error"/> and returns the exit code instead.
    /// </summary>
    public static async Task<(string? Json, int Exit)> SendAsync(Uri baseUri, string? token, string path, string? body, string command, TextWriter error, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        string text;
        try
        {
            var uri = new Uri(path, UriKind.Relative);
            using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
            response = content is null
                ? await http.GetAsync(uri, cancellationToken).ConfigureAwait(false)
                : await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"edgetwin {command}: cannot reach {baseUri} ({ex.Message}); is the gateway running with http enabled?").ConfigureAwait(false);
            return (null, UnreachableExit);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return (text.Length == 0 ? "{}" : text, 0);
            }

            string? message = response.ReasonPhrase;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                {
                    message = e.GetString();
                }
            }
            catch (JsonException)
            {
                // Not the gateway's JSON error: the status line says enough.
            }

            await error.WriteLineAsync($"edgetwin {command}: {message}").ConfigureAwait(false);
            return (null, response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity ? BadRequestExit : UnreachableExit);
        }
    }
}
