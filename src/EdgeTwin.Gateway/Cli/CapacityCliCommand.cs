using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin capacity [ASSET] [--add input=+5] [--horizon 2h] [--json]</c>: asks the running gateway (its HTTP API,
/// the router's <c>capacity</c>) for the capacity headroom of every asset with a declared capacity, or of one asset,
/// and with <c>--add</c> "what if we add X": the predicted peak and the headroom left over the horizon.
/// </summary>
public static class CapacityCliCommand
{
    /// <summary>Exit code when the addition does not fit within the capacity over the horizon.</summary>
    public const int DoesNotFitExit = 3;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var asset = new Argument<string?>("asset") { Description = "Asset id with a declared capacity (all of them when omitted)", Arity = ArgumentArity.ZeroOrOne };
        var add = new Option<string[]>("--add") { Description = "What if we add: INPUT=CHANGE, e.g. itLoad=+5 or itLoad=+20% (a bare amount is added; repeatable; needs ASSET)", AllowMultipleArgumentsPerToken = false };
        var horizon = new Option<string>("--horizon") { Description = "How far ahead a what-if looks", DefaultValueFactory = _ => "1h" };
        var json = new Option<bool>("--json") { Description = "Print the gateway's whole answer as JSON" };
        var daemon = new DaemonAddress();
        var command = new Command("capacity", "Capacity headroom of the running gateway's assets, and \"what if we add X\" from an asset's identified dynamics") { asset, add, horizon, json, daemon.Url, daemon.TokenFile };
        command.SetAction(async (parse, ct) =>
        {
            string? body;
            try
            {
                body = Body(parse.GetValue(asset), parse.GetValue(add) ?? [], parse.GetValue(horizon)!);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"edgetwin capacity: {ex.Message}").ConfigureAwait(false);
                return DaemonCall.BadRequestExit;
            }

            if (await daemon.ReadAsync(parse, ct).ConfigureAwait(false) is not var (baseUri, token))
            {
                return DaemonCall.UnreachableExit;
            }

            return await RunAsync(baseUri, token, parse.GetValue(asset), body, parse.GetValue(json), Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// The request body for <paramref name="asset"/> (null: every asset, no body); throws <see cref="FormatException"/>
    /// naming a bad --add, or --add without an asset.
    /// </summary>
    public static string? Body(string? asset, IReadOnlyList<string> add, string horizon)
    {
        if (asset is null)
        {
            return add.Count == 0 ? null : throw new FormatException("--add needs an ASSET: what if we add to which asset?");
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("add");
            foreach (var a in add)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == a.Length - 1)
                {
                    throw new FormatException($"--add '{a}': expected INPUT=CHANGE, e.g. itLoad=+5 or itLoad=+20%");
                }

                // An addition: a bare amount is added ("5" is "+5"); "=42" would set the input instead.
                var change = a[(eq + 1)..].Trim();
                w.WriteString(a[..eq].Trim(), change[0] is '+' or '-' or '=' ? change : "+" + change);
            }

            w.WriteEndObject();
            w.WriteString("horizon", horizon);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Asks <c>GET /api/capacity</c> (no asset) or <c>POST /api/assets/{asset}/capacity</c> with <paramref name="body"/>
    /// and prints the answer; exit 0, <see cref="DoesNotFitExit"/> when an addition does not fit, else the
    /// <see cref="DaemonCall"/> codes.
    /// </summary>
    public static async Task<int> RunAsync(Uri baseUri, string? token, string? asset, string? body, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var path = asset is null ? "/api/capacity" : "/api/assets/" + Uri.EscapeDataString(asset) + "/capacity";
        var (text, exit) = await DaemonCall.SendAsync(baseUri, token, path, asset is null ? null : body ?? "{}", "capacity", error, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return exit;
        }

        using var document = JsonDocument.Parse(text);
        var assets = document.RootElement.GetProperty("assets");
        var fits = assets.EnumerateArray().All(a => !a.TryGetProperty("fits", out var f) || f.GetBoolean());
        if (json)
        {
            await output.WriteLineAsync(text).ConfigureAwait(false);
            return fits ? 0 : DoesNotFitExit;
        }

        if (assets.GetArrayLength() == 0)
        {
            await output.WriteLineAsync("No asset declares a capacity (assets[].capacity: property, limit).").ConfigureAwait(false);
            return 0;
        }

        await output.WriteLineAsync("ASSET  PROPERTY  VALUE  LIMIT  HEADROOM  UNIT").ConfigureAwait(false);
        foreach (var a in assets.EnumerateArray())
        {
            var unit = a.TryGetProperty("unit", out var u) ? u.GetString() : "-";
            await output.WriteLineAsync($"{a.GetProperty("asset").GetString()}  {a.GetProperty("property").GetString()}  {DaemonCall.Number(a.GetProperty("value"))}  {DaemonCall.Number(a.GetProperty("limit"))}  {DaemonCall.Number(a.GetProperty("headroom"))}  {unit}").ConfigureAwait(false);
            if (a.TryGetProperty("fits", out var f))
            {
                await output.WriteLineAsync($"with the addition: peak {DaemonCall.Number(a.GetProperty("peak"))} after {DaemonCall.Number(a.GetProperty("peakAtSeconds"))} s, headroom {DaemonCall.Number(a.GetProperty("headroomAfter"))}: {(f.GetBoolean() ? "fits" : "does not fit")}").ConfigureAwait(false);
            }
        }

        return fits ? 0 : DoesNotFitExit;
    }
}
