using System.Text.Json;
using EdgeTwin.Twin.Maintenance;

namespace EdgeTwin.Uplink.Json;

/// <summary>Writes maintenance recommendations and plans as JSON (the retained maintenance topic, commands and the HTTP API).</summary>
public static class MaintenanceJson
{
    /// <summary>
    /// The retained message of <c>maintenance/{asset}</c>:
    /// <c>{"seq","gateway","asset","ts","state","priority",...recommendation}</c>; state <c>none</c> without any.
    /// </summary>
    public static byte[] Retained(JsonPayloadWriter writer, long seq, string gateway, string asset, DateTime now, MaintenanceRecommendation? recommendation) =>
        writer.Object(w =>
        {
            w.WriteNumber("seq", seq);
            w.WriteString("gateway", gateway);
            w.WriteString("asset", asset);
            JsonFormat.WriteTimestamp(w, "ts", now);
            if (recommendation is null)
            {
                w.WriteString("state", "none");
            }
            else
            {
                WriteMembers(w, recommendation);
            }
        });

    /// <summary>The retained message of <c>maintenance-plan</c>: <c>{"seq","gateway","ts","plan"}</c> (a plan without windows when no work is needed).</summary>
    public static byte[] RetainedPlan(JsonPayloadWriter writer, long seq, string gateway, DateTime now, MaintenancePlan plan) =>
        writer.Object(w =>
        {
            w.WriteNumber("seq", seq);
            w.WriteString("gateway", gateway);
            JsonFormat.WriteTimestamp(w, "ts", now);
            WritePlan(w, plan);
        });

    /// <summary>Writes the members of <paramref name="r"/> (without the enclosing object).</summary>
    public static void WriteMembers(Utf8JsonWriter w, MaintenanceRecommendation r)
    {
        w.WriteString("id", r.Id);
        w.WriteString("asset", r.Asset);
        w.WriteString("type", r.AssetType);
        w.WriteString("state", MaintenanceAdvisor.Name(r.State));
        w.WriteString("priority", MaintenanceAdvisor.Name(r.Priority));
        w.WriteString("action", r.Priority == MaintenancePriority.Low ? "inspect" : "schedule");
        w.WriteString("summary", r.Summary);
        JsonFormat.WriteTimestamp(w, "opened", r.Opened);
        JsonFormat.WriteTimestamp(w, "changed", r.Changed);
        w.WriteStartObject("window");
        JsonFormat.WriteTimestamp(w, "start", r.WindowStart);
        JsonFormat.WriteTimestamp(w, "end", r.WindowEnd);
        JsonFormat.WriteNumber(w, "withinHours", Math.Round((r.WindowEnd - r.WindowStart).TotalHours, 4));
        w.WriteEndObject();
        Nullable(w, "downtimeHours", r.Downtime?.TotalHours);
        Nullable(w, "cost", r.Cost);
        if (r.Currency is { } currency)
        {
            w.WriteString("currency", currency);
        }

        JsonFormat.WriteNumber(w, "confidence", r.Confidence);
        Nullable(w, "probability", r.Probability);
        Nullable(w, "horizonHours", r.HorizonHours);
        Nullable(w, "rulHours", r.RulHours);
        w.WriteStartArray("evidence");
        foreach (var e in r.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            if (e.Property is { } property)
            {
                w.WriteString("property", property);
            }

            JsonFormat.WriteNumber(w, "value", e.Value);
            if (e.Level is { } level)
            {
                JsonFormat.WriteNumber(w, "level", level);
            }

            w.WriteString("text", e.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (r.Acknowledged is { } ack)
        {
            w.WriteStartObject("acknowledged");
            w.WriteString("by", ack.By);
            JsonFormat.WriteTimestamp(w, "at", ack.At);
            w.WriteEndObject();
        }

        if (r.Closed is { } closed)
        {
            w.WriteStartObject("closed");
            w.WriteString("by", closed.By);
            JsonFormat.WriteTimestamp(w, "at", closed.At);
            if (closed.Note is { } note)
            {
                w.WriteString("note", note);
            }

            w.WriteEndObject();
        }
    }

    /// <summary>Writes <c>"plan":{maxDown, windows, separateStops, stopsSaved, separateDowntimeHours, plannedDowntimeHours, downtimeSavedHours, cost, summary}</c>.</summary>
    public static void WritePlan(Utf8JsonWriter w, MaintenancePlan plan)
    {
        w.WriteStartObject("plan");
        w.WriteNumber("maxDown", plan.MaxDown);
        w.WriteStartArray("windows");
        foreach (var window in plan.Windows)
        {
            w.WriteStartObject();
            JsonFormat.WriteTimestamp(w, "start", window.Start);
            JsonFormat.WriteNumber(w, "durationHours", Math.Round(window.Duration.TotalHours, 4));
            JsonFormat.WriteTimestamp(w, "deadline", window.Deadline);
            Strings(w, "assets", window.Assets);
            Strings(w, "late", window.Late);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("separateStops", plan.SeparateStops);
        w.WriteNumber("stopsSaved", plan.StopsSaved);
        JsonFormat.WriteNumber(w, "separateDowntimeHours", Math.Round(plan.SeparateDowntime.TotalHours, 4));
        JsonFormat.WriteNumber(w, "plannedDowntimeHours", Math.Round(plan.PlannedDowntime.TotalHours, 4));
        JsonFormat.WriteNumber(w, "downtimeSavedHours", Math.Round(plan.DowntimeSaved.TotalHours, 4));
        Nullable(w, "cost", plan.Cost);
        w.WriteString("summary", plan.Windows.Count == 0
            ? "no maintenance recommended"
            : $"{plan.SeparateStops} job(s) in {plan.Windows.Count} window(s) with at most {plan.MaxDown} asset(s) down at once: saves {plan.StopsSaved} stop(s) and {Math.Round(plan.DowntimeSaved.TotalHours, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)} h of line downtime against one stop per asset");
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            JsonFormat.WriteNumber(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
