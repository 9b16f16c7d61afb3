using System.Text.Json;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Twin.Maintenance;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// Maintenance commands: <c>maintenance</c> (the recommendations and the coordinated plan), <c>maintenance-ack</c>
/// and <c>maintenance-close</c>. Acknowledging and closing run on the pipeline thread; nothing here writes to the plant.
/// </summary>
public sealed class MaintenanceCommands : ICommandModule
{
    private readonly GatewayRuntime _rt;
    private readonly PipelineWork _work;

    /// <summary>Creates the module.</summary>
    public MaintenanceCommands(GatewayRuntime runtime, PipelineWork work)
    {
        _rt = runtime;
        _work = work;
    }

    /// <inheritdoc />
    public void Register(CommandRouter router)
    {
        router.Register("maintenance", "Maintenance recommendations of every asset (or {asset}) and the coordinated plan under the site's maxDown.", (context, _) =>
        {
            var only = context.Optional("asset") is { ValueKind: JsonValueKind.String } a ? a.GetString() : null;
            if (only is not null && _rt.Twin.Find(only) is null)
            {
                throw CommandException.BadRequest($"unknown asset '{only}'");
            }

            return ValueTask.FromResult(CommandResult.Of(w => Write(w, _rt, context.Received, only)));
        });
        router.Register("maintenance-ack", "Acknowledges the maintenance recommendation of an asset: {asset}.", async (context, ct) =>
        {
            var asset = context.RequiredString("asset");
            var done = await _work.RunAsync(() => _rt.Twin.AcknowledgeMaintenance(asset, context.Received, context.Who), ct).ConfigureAwait(false);
            if (!done)
            {
                throw new CommandException(NotFoundCode(asset), Why(asset, "open"));
            }

            return CommandResult.Of(w => WriteOne(w, asset));
        });
        router.Register("maintenance-close", "Closes the maintenance recommendation of an asset (work done or dismissed): {asset, note?}.", async (context, ct) =>
        {
            var asset = context.RequiredString("asset");
            var note = context.Optional("note") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
            MaintenanceRecommendation? closed = null;
            var done = await _work.RunAsync(
                () =>
                {
                    var ok = _rt.Twin.CloseMaintenance(asset, context.Received, context.Who, note);
                    closed = ok ? _rt.Twin.AdvisorOf(asset)!.Last : null;
                    return ok;
                },
                ct).ConfigureAwait(false);
            if (!done)
            {
                throw new CommandException(NotFoundCode(asset), Why(asset, "open or acknowledged"));
            }

            return CommandResult.Of(w =>
            {
                w.WriteStartObject("recommendation");
                MaintenanceJson.WriteMembers(w, closed!);
                w.WriteEndObject();
            });
        });
    }

    /// <summary>Writes <c>recommendations</c> (open and acknowledged) and <c>plan</c>; shared with the HTTP API.</summary>
    public static void Write(Utf8JsonWriter w, GatewayRuntime rt, DateTime now, string? asset = null)
    {
        w.WriteStartArray("recommendations");
        foreach (var advisor in rt.Twin.Advisors)
        {
            if (advisor.Current is { } r && (asset is null || r.Asset == asset))
            {
                w.WriteStartObject();
                MaintenanceJson.WriteMembers(w, r);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        MaintenanceJson.WritePlan(w, rt.Twin.PlanMaintenance(now));
    }

    private void WriteOne(Utf8JsonWriter w, string asset)
    {
        w.WriteStartObject("recommendation");
        MaintenanceJson.WriteMembers(w, _rt.Twin.AdvisorOf(asset)!.Current!);
        w.WriteEndObject();
    }

    private string NotFoundCode(string asset) => _rt.Twin.Find(asset) is null ? "not-found" : "conflict";

    private string Why(string asset, string state) =>
        _rt.Twin.Find(asset) is null ? $"unknown asset '{asset}'"
        : _rt.Twin.AdvisorOf(asset) is null ? $"asset '{asset}' has no failure or anomaly model, so no maintenance advisor"
        : $"asset '{asset}' has no {state} maintenance recommendation";
}
