using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin optimize ASSET --decide setpoint=15:30 --objective "minimize power" --constraint "temperature &lt;= 27"
/// [--horizon 1h] [--json]</c>: asks the running gateway (its HTTP API, the router's <c>optimize</c>) for the best
/// set-points and prints them with the objective change and the margin to each constraint. It never writes.
/// </summary>
public static class OptimizeCliCommand
{
    /// <summary>Exit code when the gateway cannot be reached or fails.</summary>
    public const int UnreachableExit = 1;

    /// <summary>Exit code for a request the gateway refuses (unknown asset, bad decision, formula or constraint, no model yet).</summary>
    public const int BadRequestExit = 2;

    /// <summary>Exit code when no set-points keep every constraint.</summary>
    public const int InfeasibleExit = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var asset = new Argument<string>("asset") { Description = "Asset id (with dynamics)" };
        var decide = new Option<string[]>("--decide") { Description = "Decision input and its range, PROPERTY=MIN:MAX (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false };
        var objective = new Option<string>("--objective") { Description = "\"minimize PROPERTY\", \"maximize PROPERTY\" or a formula to minimise", Required = true };
        var constraint = new Option<string[]>("--constraint") { Description = "Constraint kept over the whole horizon, e.g. \"temperature <= 27\" (repeatable)" };
        var horizon = new Option<string>("--horizon") { Description = "How far ahead", DefaultValueFactory = _ => "1h" };
        var json = new Option<bool>("--json") { Description = "Print the gateway's whole answer as JSON" };
        var daemon = new DaemonAddress();
        var command = new Command("optimize", "Best set-points of an asset for an objective under constraints, from its identified dynamics (never writes)") { asset, decide, objective, constraint, horizon, json, daemon.Url, daemon.TokenFile };
        command.SetAction(async (parse, ct) =>
        {
            string body;
            try
            {
                body = Body(parse.GetValue(decide) ?? [], parse.GetRequiredValue(objective), parse.GetValue(constraint) ?? [], parse.GetValue(horizon)!);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"edgetwin optimize: {ex.Message}");
                return BadRequestExit;
            }

            if (await daemon.ReadAsync(parse, ct).ConfigureAwait(false) is not var (baseUri, token))
            {
                return UnreachableExit;
            }

            return await RunAsync(baseUri, token, parse.GetRequiredValue(asset), body, parse.GetValue(json), Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The request body from the options; throws <see cref="FormatException"/> naming a bad --decide.</summary>
    public static string Body(IReadOnlyList<string> decide, string objective, IReadOnlyList<string> constraints, string horizon)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("decision");
            foreach (var d in decide)
            {
                var eq = d.IndexOf('=', StringComparison.Ordinal);
                var colon = eq < 0 ? -1 : d.IndexOf(':', eq);
                if (eq <= 0 || colon < 0
                    || !double.TryParse(d[(eq + 1)..colon], NumberStyles.Float, Inv, out var min)
                    || !double.TryParse(d[(colon + 1)..], NumberStyles.Float, Inv, out var max))
                {
                    throw new FormatException($"--decide '{d}': expected PROPERTY=MIN:MAX, e.g. setpoint=15:30");
                }

                w.WriteStartArray(d[..eq].Trim());
                w.WriteNumberValue(min);
                w.WriteNumberValue(max);
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteString("objective", objective);
            w.WriteStartArray("constraints");
            foreach (var c in constraints)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteString("horizon", horizon);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Posts <paramref name="body"/> to <c>/api/assets/{asset}/optimize</c> and prints the answer.</summary>
    public static async Task<int> RunAsync(Uri baseUri, string? token, string asset, string body, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        string text;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            response = await http.PostAsync(new Uri("/api/assets/" + Uri.EscapeDataString(asset) + "/optimize", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"edgetwin optimize: cannot reach {baseUri} ({ex.Message}); is the gateway running with http enabled?").ConfigureAwait(false);
            return UnreachableExit;
        }

        using (response)
        {
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            var root = document.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                var message = root.TryGetProperty("error", out var e) ? e.GetString() : response.ReasonPhrase;
                await error.WriteLineAsync($"edgetwin optimize: {message}").ConfigureAwait(false);
                return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity ? BadRequestExit : UnreachableExit;
            }

            if (json)
            {
                await output.WriteLineAsync(text).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(root.GetProperty("message").GetString()).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync("SET-POINT  CURRENT  BEST  POINT  WRITABLE").ConfigureAwait(false);
                foreach (var a in root.GetProperty("apply").EnumerateArray())
                {
                    var property = a.GetProperty("property").GetString()!;
                    await output.WriteLineAsync($"{property}  {Num(root.GetProperty("current").GetProperty(property))}  {Num(a.GetProperty("value"))}  {a.GetProperty("point").GetString() ?? "-"}  {(a.GetProperty("writable").GetBoolean() ? "yes" : "no")}").ConfigureAwait(false);
                }

                var objective = root.GetProperty("objective");
                await output.WriteLineAsync($"objective  {objective.GetProperty("text").GetString()}: {Num(objective.GetProperty("current"))} -> {Num(objective.GetProperty("best"))}").ConfigureAwait(false);
                foreach (var m in root.GetProperty("margins").EnumerateArray())
                {
                    await output.WriteLineAsync($"margin     {m.GetProperty("constraint").GetString()}: {Num(m.GetProperty("margin"))} (tightest after {Num(m.GetProperty("atSeconds"))} s)").ConfigureAwait(false);
                }

                await output.WriteLineAsync("Nothing was written: apply with the write command (allow-list and bounds apply).").ConfigureAwait(false);
            }

            return root.GetProperty("feasible").GetBoolean() ? 0 : InfeasibleExit;
        }
    }

    private static string Num(JsonElement e) => e.ValueKind == JsonValueKind.Number ? Math.Round(e.GetDouble(), 4).ToString(Inv) : "-";
}
