using System.Text.Json;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Gateway.Commands;

/// <summary>Writes a what-if result as JSON members (shared by the command and the HTTP API).</summary>
public static class WhatIfJson
{
    /// <summary>Writes <c>asset, start, stepSeconds, times, outputs, inputs, crossings, fit, notes</c>.</summary>
    public static void Write(Utf8JsonWriter w, WhatIfResult r)
    {
        w.WriteString("asset", r.Asset);
        w.WriteString("start", r.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("stepSeconds", r.Step.TotalSeconds);
        w.WriteStartArray("times");
        foreach (var t in r.Times)
        {
            w.WriteNumberValue(t);
        }

        w.WriteEndArray();
        Series(w, "outputs", r.Outputs);
        Series(w, "inputs", r.Inputs);
        w.WriteStartArray("crossings");
        foreach (var c in r.Crossings)
        {
            w.WriteStartObject();
            w.WriteString("alarm", c.Alarm);
            w.WriteString("property", c.Property);
            w.WriteNumber("limit", c.Limit);
            w.WriteString("direction", c.Direction);
            if (c.After is { } after)
            {
                w.WriteNumber("afterSeconds", after.TotalSeconds);
            }
            else
            {
                w.WriteNull("afterSeconds");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("fit");
        foreach (var (name, r2) in r.Fit)
        {
            w.WriteNumber(name, r2);
        }

        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var note in r.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
    }

    private static void Series(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double[]> series)
    {
        w.WriteStartObject(name);
        foreach (var (key, values) in series)
        {
            w.WriteStartArray(key);
            foreach (var v in values)
            {
                if (double.IsFinite(v))
                {
                    w.WriteNumberValue(v);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
