using System.Text.Json;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Uplink.Json;

/// <summary>Writes the model outputs of a twin: <c>"anomaly":{...},"failure":{...}</c>.</summary>
internal static class TwinModelsJson
{
    public static void Write(Utf8JsonWriter w, ModelOutputs m)
    {
        if (m.AnomalyState is not null || m.AnomalyScore is not null)
        {
            w.WriteStartObject("anomaly");
            if (m.AnomalyState is { } state)
            {
                w.WriteString("state", state);
            }

            if (m.LearningProgress is { } progress)
            {
                JsonFormat.WriteNumber(w, "progress", progress);
            }

            if (m.AnomalyScore is { } score)
            {
                JsonFormat.WriteNumber(w, "score", score);
            }

            if (m.AnomalyThreshold is { } threshold)
            {
                JsonFormat.WriteNumber(w, "threshold", threshold);
            }

            w.WriteBoolean("anomalous", m.Anomalous);
            w.WriteStartArray("contributions");
            foreach (var (property, share) in m.Contributions)
            {
                w.WriteStartObject();
                w.WriteString("property", property);
                JsonFormat.WriteNumber(w, "share", Math.Round(share, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (m.AnomalyError is { } anomalyError)
            {
                w.WriteString("error", anomalyError);
            }

            w.WriteEndObject();
        }

        if (m.FailureState is not null || m.RulHours is not null || m.FailureProbability is not null)
        {
            w.WriteStartObject("failure");
            if (m.FailureState is { } failureState)
            {
                w.WriteString("state", failureState);
            }

            if (m.FailureHistory is { } history)
            {
                w.WriteNumber("cycles", history.Have);
                w.WriteNumber("cyclesNeeded", history.Need);
            }

            if (m.RulHours is { } rul)
            {
                JsonFormat.WriteNumber(w, "rulHours", Math.Round(rul, 4));
            }

            if (m.RulInterval is { } interval)
            {
                w.WriteStartArray("rulInterval");
                JsonFormat.WriteNumberValue(w, Math.Round(interval.Low, 4));
                JsonFormat.WriteNumberValue(w, Math.Round(interval.High, 4));
                w.WriteEndArray();
            }

            if (m.FailureProbability is { } p)
            {
                JsonFormat.WriteNumber(w, "probability", Math.Round(p, 4));
            }

            if (m.FailureHorizon is { } horizon)
            {
                JsonFormat.WriteNumber(w, "horizonHours", horizon.TotalHours);
            }

            if (m.FailureError is { } error)
            {
                w.WriteString("error", error);
            }

            w.WriteEndObject();
        }
    }
}
