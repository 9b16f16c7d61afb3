using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Twin.State;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Gateway.Http.Json;

/// <summary>The answer of <c>POST /api/assets/{id}/simulate</c>.</summary>
public static class WhatIfJson
{
    /// <summary>
    /// <c>"asset":"pump1","start":"...","stepSeconds":1,"horizon":"10m","overrides":{"speed":"60"},"t":[ms since epoch...],
    /// "outputs":{"temperature":{"unit":"degC","values":[...],"baseline":[...]}},"inputs":{"speed":{"unit":"%","values":[...]}},
    /// "limits":[...],"breaches":[{"alarm":"overtemp","property":"temperature","limit":"high","value":95,"afterSeconds":240,"at":"..."}],
    /// "fit":{"temperature":0.97},"notes":[...]</c>; <c>baseline</c> is the prediction with the inputs left as they are.
    /// </summary>
    public static void Write(
        Utf8JsonWriter w, IReadOnlyDictionary<string, string> overrides, TimeSpan horizon, WhatIfResult result, WhatIfResult baseline,
        AssetConfig config, AssetState asset)
    {
        w.WriteString("asset", result.Asset);
        ApiJson.Time(w, "start", result.Start);
        ApiJson.Number(w, "stepSeconds", result.Step.TotalSeconds);
        ApiJson.Duration(w, "horizon", horizon);
        w.WriteStartObject("overrides");
        foreach (var (name, change) in overrides)
        {
            w.WriteString(name, change);
        }

        w.WriteEndObject();
        w.WriteStartArray("t");
        foreach (var offset in result.Times)
        {
            w.WriteNumberValue(ApiJson.EpochMs(result.Start.AddSeconds(offset)));
        }

        w.WriteEndArray();
        w.WriteStartObject("outputs");
        foreach (var (name, values) in result.Outputs)
        {
            w.WriteStartObject(name);
            ApiJson.String(w, "unit", Unit(asset, name));
            Values(w, "values", values);
            Values(w, "baseline", ReferenceEquals(baseline, result) ? [] : baseline.Outputs.GetValueOrDefault(name, []));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("inputs");
        foreach (var (name, values) in result.Inputs)
        {
            w.WriteStartObject(name);
            ApiJson.String(w, "unit", Unit(asset, name));
            Values(w, "values", values);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        TwinJson.WriteLimits(w, config.Alarms);
        w.WriteStartArray("breaches");
        foreach (var crossing in result.Crossings.Where(c => c.After is not null).OrderBy(c => c.After))
        {
            w.WriteStartObject();
            w.WriteString("alarm", crossing.Alarm);
            w.WriteString("property", crossing.Property);
            w.WriteString("limit", crossing.Direction);
            ApiJson.Number(w, "value", crossing.Limit);
            ApiJson.Number(w, "afterSeconds", crossing.After!.Value.TotalSeconds);
            ApiJson.Time(w, "at", result.Start + crossing.After.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("fit");
        foreach (var (name, r2) in result.Fit)
        {
            ApiJson.Number(w, name, r2);
        }

        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
    }

    private static string? Unit(AssetState asset, string property) =>
        asset.TryGetProperty(property, out var p) ? p.Unit : null;

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            ApiJson.NumberValue(w, value);
        }

        w.WriteEndArray();
    }
}
