using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;
using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Gateway.Http.Json;

/// <summary>Assets, alarms and history as the API shows them (the member names follow the MQTT twin payload).</summary>
public static class TwinJson
{
    /// <summary>
    /// <c>{"id":"pump1","type":"pump","ts":"...","status":"synchronized","confidence":1,"health":100,
    /// "properties":{"pressure":{"value":2.5,"unit":"bar","ts":"...","quality":"good"}},"alarms":[...active...],
    /// "limits":[...configured...],"anomaly":null|{...},"failure":null|{...},
    /// "dynamics":null|{"inputs":[...],"outputs":[...],"step":"1s","ready":true,"samples":40,"samplesNeeded":30}}</c>.
    /// </summary>
    public static void WriteAsset(Utf8JsonWriter w, AssetSnapshot snapshot, AssetConfig config, DynamicsRunner? dynamicsRunner, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        w.WriteString("id", snapshot.Asset);
        w.WriteString("type", snapshot.Type);
        ApiJson.Time(w, "ts", snapshot.Timestamp);
        w.WriteString("status", snapshot.Status.ToString().ToLowerInvariant());
        ApiJson.Number(w, "confidence", snapshot.Confidence);
        ApiJson.Number(w, "health", snapshot.Health);
        w.WriteStartObject("properties");
        foreach (var p in snapshot.Properties)
        {
            WriteProperty(w, p, config.Derived.Any(d => d.Name == p.Name));
        }

        w.WriteEndObject();
        w.WriteStartArray("alarms");
        foreach (var alarm in snapshot.Alarms)
        {
            w.WriteStartObject();
            w.WriteString("id", alarm.Id);
            w.WriteString("key", snapshot.Asset + "/" + alarm.Id);
            w.WriteString("property", alarm.Property);
            w.WriteString("severity", alarm.Severity);
            ApiJson.Number(w, "value", alarm.Value);
            ApiJson.String(w, "limit", alarm.Limit);
            ApiJson.Time(w, "raisedAt", alarm.RaisedAt);
            w.WriteBoolean("acknowledged", alarm.Acknowledged);
            w.WriteBoolean("condition", alarm.Condition);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteLimits(w, config.Alarms);
        WriteModels(w, snapshot.Models);
        if (config.Dynamics is { } dynamics)
        {
            // What-if: the dynamics model and whether it has seen enough data to answer (read without locks: the
            // runner publishes its frozen model atomically).
            w.WriteStartObject("dynamics");
            Names(w, "inputs", dynamics.Inputs);
            Names(w, "outputs", dynamics.Outputs);
            ApiJson.Duration(w, "step", dynamics.Step);
            w.WriteBoolean("ready", dynamicsRunner?.Ready ?? false);
            w.WriteNumber("samples", dynamicsRunner?.Samples ?? 0);
            w.WriteNumber("samplesNeeded", DynamicsRunner.MinimumSamples);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("dynamics");
        }

        extra?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>{"key":"pump1/overtemp","asset":"pump1","id":"overtemp","property":"temperature","severity":"critical",
    /// "high":95,"low":null,"active":true,"condition":true,"acknowledged":false,"raisedAt":"...","value":97.1,"limit":"high"}</c>.
    /// </summary>
    public static void WriteAlarm(Utf8JsonWriter w, AlarmView alarm)
    {
        w.WriteStartObject();
        w.WriteString("key", alarm.Key);
        w.WriteString("asset", alarm.Asset);
        w.WriteString("id", alarm.Id);
        w.WriteString("property", alarm.Property);
        w.WriteString("severity", alarm.Severity);
        ApiJson.Number(w, "high", alarm.High);
        ApiJson.Number(w, "low", alarm.Low);
        w.WriteBoolean("active", alarm.Active);
        w.WriteBoolean("condition", alarm.Condition);
        w.WriteBoolean("acknowledged", alarm.Acknowledged);
        ApiJson.Time(w, "raisedAt", alarm.Active ? alarm.RaisedAt : null);
        ApiJson.Number(w, "value", alarm.Active ? alarm.Value : null);
        ApiJson.String(w, "limit", alarm.Active ? alarm.Limit : null);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>"history":{"from":"...","to":"...","properties":{"pressure":{"unit":"bar","t":[ms since epoch...],"v":[...]}}}</c>.
    /// </summary>
    public static void WriteHistory(Utf8JsonWriter w, IReadOnlyList<PropertyHistory> history, DateTime from, DateTime to)
    {
        w.WriteStartObject("history");
        ApiJson.Time(w, "from", from);
        ApiJson.Time(w, "to", to);
        w.WriteStartObject("properties");
        foreach (var property in history)
        {
            w.WriteStartObject(property.Name);
            ApiJson.String(w, "unit", property.Unit);
            w.WriteStartArray("t");
            foreach (var time in property.Times)
            {
                w.WriteNumberValue(ApiJson.EpochMs(time));
            }

            w.WriteEndArray();
            w.WriteStartArray("v");
            foreach (var value in property.Values)
            {
                ApiJson.NumberValue(w, value, property.Single);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter w, PropertySnapshot p, bool derived)
    {
        w.WriteStartObject(p.Name);
        if (p.Quality == Quality.Bad || p.Timestamp == default)
        {
            w.WriteNull("value");
        }
        else if (p.Text is not null)
        {
            w.WriteString("value", p.Text);
        }
        else if (p.Type == PointType.Bool && double.IsFinite(p.Value))
        {
            w.WriteBoolean("value", p.Value != 0);
        }
        else
        {
            ApiJson.Number(w, "value", p.Value, p.Type == PointType.Float32);
        }

        ApiJson.String(w, "unit", p.Unit);
        ApiJson.Time(w, "ts", p.Timestamp);
        w.WriteString("quality", p.Timestamp == default ? "none" : p.Quality.ToWire());
        if (p.Quality == Quality.Bad && p.Text is not null && p.Timestamp != default)
        {
            w.WriteString("error", p.Text);
        }

        ApiJson.String(w, "type", p.Type?.ToName());
        w.WriteBoolean("derived", derived);
        w.WriteEndObject();
    }

    private static void Names(Utf8JsonWriter w, string name, IReadOnlyList<string> names)
    {
        w.WriteStartArray(name);
        foreach (var item in names)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    private static void WriteModels(Utf8JsonWriter w, ModelOutputs? m)
    {
        if (m is not null && (m.AnomalyState is not null || m.AnomalyScore is not null))
        {
            w.WriteStartObject("anomaly");
            ApiJson.String(w, "state", m.AnomalyState);
            ApiJson.Number(w, "progress", m.LearningProgress);
            ApiJson.Number(w, "score", m.AnomalyScore);
            ApiJson.Number(w, "threshold", m.AnomalyThreshold);
            ApiJson.String(w, "model", m.AnomalyModel);
            ApiJson.String(w, "error", m.AnomalyError);
            w.WriteBoolean("anomalous", m.Anomalous);
            w.WriteStartArray("contributions");
            foreach (var (property, share) in m.Contributions)
            {
                w.WriteStartObject();
                w.WriteString("property", property);
                ApiJson.Number(w, "share", Math.Round(share, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("anomaly");
        }

        if (m is not null && (m.FailureState is not null || m.RulHours is not null || m.FailureProbability is not null))
        {
            w.WriteStartObject("failure");
            ApiJson.String(w, "state", m.FailureState);
            ApiJson.Number(w, "cycles", m.FailureHistory?.Have);
            ApiJson.Number(w, "cyclesNeeded", m.FailureHistory?.Need);
            ApiJson.String(w, "model", m.FailureModel);
            ApiJson.String(w, "error", m.FailureError);
            ApiJson.Number(w, "rulHours", m.RulHours is { } rul ? Math.Round(rul, 4) : null);
            if (m.RulInterval is { } interval)
            {
                w.WriteStartArray("rulInterval");
                ApiJson.NumberValue(w, Math.Round(interval.Low, 4));
                ApiJson.NumberValue(w, Math.Round(interval.High, 4));
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("rulInterval");
            }

            ApiJson.Number(w, "probability", m.FailureProbability is { } p ? Math.Round(p, 4) : null);
            ApiJson.Number(w, "horizonHours", m.FailureHorizon?.TotalHours);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("failure");
        }
    }

    /// <summary>The configured alarm limits of an asset as <c>"limits":[{"alarm","property","high","low","severity"}]</c>.</summary>
    internal static void WriteLimits(Utf8JsonWriter w, IReadOnlyList<AlarmConfig> alarms)
    {
        w.WriteStartArray("limits");
        foreach (var alarm in alarms)
        {
            w.WriteStartObject();
            w.WriteString("alarm", alarm.Id);
            w.WriteString("property", alarm.Property);
            ApiJson.Number(w, "high", alarm.High);
            ApiJson.Number(w, "low", alarm.Low);
            w.WriteString("severity", alarm.Severity);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
