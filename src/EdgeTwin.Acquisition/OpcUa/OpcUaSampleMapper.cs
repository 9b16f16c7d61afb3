using EdgeTwin.Core.Samples;
using EdgeTwin.OpcUa;

namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>Turns OPC UA data values into gateway samples (engineering units, quality from the status code).</summary>
internal static class OpcUaSampleMapper
{
    /// <summary>
    /// Maps <paramref name="value"/> of <paramref name="point"/>: numbers are scaled to engineering units, Booleans
    /// are 0/1, strings go to <see cref="Sample.Text"/>; Good/Uncertain/Bad status codes give the same quality, a Bad
    /// sample carries the status name as its reason (OPC 10000-4 §7.34).
    /// </summary>
    public static Sample Map(OpcUaPoint point, in DataValue value, DateTime now)
    {
        var timestamp = value.SourceTimestamp ?? value.ServerTimestamp ?? now;
        var status = value.StatusCode;
        var index = point.Info.Index;
        if (status.IsBad)
        {
            return Sample.Bad(index, timestamp, status.Name);
        }

        var quality = status.IsUncertain ? Quality.Uncertain : Quality.Good;
        var variant = value.Value;
        if (!variant.IsNull && !variant.IsArray)
        {
            point.ValueType ??= variant.Type;
        }

        if (variant.TryGetDouble(out var raw))
        {
            // Booleans are 0/1 as they are; numbers are scaled.
            return new Sample(index, timestamp, variant.Type == BuiltInType.Boolean ? raw : point.Config.ToEngineering(raw), quality);
        }

        if (variant.Type == BuiltInType.String && !variant.IsArray)
        {
            return new Sample(index, timestamp, double.NaN, quality, variant.Value as string ?? string.Empty);
        }

        if (variant.Type == BuiltInType.LocalizedText && variant.Value is LocalizedText text && !variant.IsArray)
        {
            return new Sample(index, timestamp, double.NaN, quality, text.Text ?? string.Empty);
        }

        return variant.IsNull
            ? Sample.Bad(index, timestamp, "the node has no value")
            : Sample.Bad(index, timestamp, $"the node's value is a {(variant.IsArray ? "array of " : string.Empty)}{variant.Type}, not a number, Boolean or string");
    }
}
