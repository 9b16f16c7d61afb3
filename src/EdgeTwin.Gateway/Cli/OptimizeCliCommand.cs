using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin optimize ASSET|--group NAME --decide setpoint=15:30 --objective "minimize power" --constraint
/// "temperature &lt;= 27" [--horizon 1h] [--json]</c>: asks the running gateway (its HTTP API, the router's
/// <c>optimize</c>) for the best set-points of an asset or of a configured group of assets and prints them with the
/// objective change and the margin to each constraint. It never writes.
/// </summary>
public static class OptimizeCliCommand
{
    /// <summary>Exit code when the gateway cannot be reached or fails.</summary>
    public const int UnreachableExit = DaemonCall.UnreachableExit;

    /// <summary>Exit code for a request the gateway refuses (unknown asset, bad decision, formula or constraint, no model yet).</summary>
    public const int BadRequestExit = DaemonCall.BadRequestExit;

    /// <summary>Exit code when no set-points keep every constraint.</summary>
    public const int InfeasibleExit = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var asset = new Argument<string?>("asset") { Description = "Asset id (with dynamics); or --group", Arity = ArgumentArity.ZeroOrOne };
        var group = new Option<string?>("--group") { Description = "A group of assets from the configuration's groups, optimised together" };
        var decide = new Option<string[]>("--decide") { Description = "Decision input and its range, PROPERTY=MIN:MAX (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false };
        var objective = new Option<string>("--objective") { Description = "\"minimize PROPERTY\", \"maximize PROPERTY\" or a formula to minimise", Required = true };
        var constraint = new Option<string[]>("--constraint") { Description = "Constraint kept over the whole horizon, e.g. \"temperature <= 27\" (repeatable)" };
        var horizon = new Option<string>("--horizon") { Description = "How far ahead", DefaultValueFactory = _ => "1h" };
        var json = new Option<bool>("--json") { Description = "Print the gateway's whole answer as JSON" };
        var daemon = new DaemonAddress();
        var command = new Command("optimize", "Best set-points of an asset or a group of assets for an objective under constraints, from their identified dynamics (never writes)") { asset, group, decide, objective, constraint, horizon, json, daemon.Url, daemon.TokenFile };
        command.SetAction(async (parse, ct) =>
        {
            string body, resource;
            try
            {
                resource = Resource(parse.GetValue(asset), parse.GetValue(group));
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

            return await RunAsync(baseUri, token, resource, body, parse.GetValue(json), Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The API resource of an asset or a group ("assets/pump1", "groups/chillers"); throws <see cref="FormatException"/> unless exactly one is given.</summary>
    public static string Resource(string? asset, string? group) => (asset, group) switch
    {
        ({ Length: > 0 }, null) => "assets/" + Uri.EscapeDataString(asset),
        (null, { Length: > 0 }) => "groups/" + Uri.EscapeDataString(group),
        _ => throw new FormatException("give an ASSET or --group NAME (one of them)"),
    };

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

    /// <summary>Posts <paramref name="body"/> to <c>/api/{resource}/optimize</c> (see <see cref="Resource"/>) and prints the answer.</summary>
    public static async Task<int> RunAsync(Uri baseUri, string? token, string resource, string body, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (text, exit) = await DaemonCall.SendAsync(baseUri, token, "/api/" + resource + "/optimize", body, "optimize", error, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return exit;
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (json)
        {
            await output.WriteLineAsync(text).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(root.GetProperty("message").GetString()).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            var group = root.TryGetProperty("group", out _);
            await output.WriteLineAsync((group ? "ASSET  " : string.Empty) + "SET-POINT  CURRENT  BEST  POINT  WRITABLE").ConfigureAwait(false);
            foreach (var a in root.GetProperty("apply").EnumerateArray())
            {
                var property = a.GetProperty("property").GetString()!;
                var asset = group ? a.GetProperty("asset").GetString()! : null;
                var current = asset is null ? root.GetProperty("current") : root.GetProperty("current").GetProperty(asset);
                await output.WriteLineAsync($"{(asset is null ? string.Empty : asset + "  ")}{property}  {Num(current.GetProperty(property))}  {Num(a.GetProperty("value"))}  {(a.GetProperty("point").ValueKind == JsonValueKind.String ? a.GetProperty("point").GetString() : "-")}  {(a.GetProperty("writable").GetBoolean() ? "yes" : "no")}").ConfigureAwait(false);
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

    private static string Num(JsonElement e) => DaemonCall.Number(e);
}
