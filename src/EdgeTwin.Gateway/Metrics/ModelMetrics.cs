using System.Diagnostics.Metrics;

namespace EdgeTwin.Gateway.Metrics;

/// <summary>
/// The hook for the twin's model runners: record each inference here and it appears on <c>/metrics</c> as the
/// histogram <c>edgetwin_model_inference_seconds{asset,model}</c>. (Any meter whose name starts with "EdgeTwin" is
/// exported the same way, so a runner inside a library may equally record into its own meter.)
/// </summary>
public static class ModelMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "EdgeTwin.Model";

    /// <summary>Name of the inference-time instrument (seconds).</summary>
    public const string InferenceName = "inference_seconds";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Time of one model inference in seconds; tags <c>asset</c> and <c>model</c> (anomaly, rul, ...).</summary>
    public static Histogram<double> Inference { get; } = Meter.CreateHistogram<double>(
        InferenceName, unit: "s", description: "Time of one model inference (feature preparation and ONNX Runtime run)");

    /// <summary>Records one inference of <paramref name="model"/> for <paramref name="asset"/> that took <paramref name="elapsed"/>.</summary>
    public static void RecordInference(string asset, string model, TimeSpan elapsed) =>
        Inference.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("asset", asset), new KeyValuePair<string, object?>("model", model));
}
