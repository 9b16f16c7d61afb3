using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;

namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>How a point appears in Sparkplug: its metric name, alias and exact datatype.</summary>
/// <param name="Name">Metric name: the point id.</param>
/// <param name="Alias">Alias: point index + 1, unique across the edge node.</param>
/// <param name="DataType">The Sparkplug datatype matching the point's values.</param>
/// <param name="Unit">Engineering unit, sent as the engUnit property in births.</param>
public readonly record struct SparkplugPoint(string Name, ulong Alias, SparkplugDataType DataType, string? Unit)
{
    /// <summary>Quality property values (the OPC-style codes Ignition reads).</summary>
    public const int QualityGood = 192, QualityBad = 0, QualityUncertain = 64, QualityStale = 500;

    /// <summary>
    /// The point's metric. Integers keep their width and signedness, float32 stays Float; a scaled or offset value
    /// is no longer an integer (or exactly a float32), so it travels as Double; counters are UInt64.
    /// </summary>
    public static SparkplugPoint For(PointInfo point)
    {
        var c = point.Config;
        var scaled = c.Scale != 1.0 || c.Offset != 0.0;
        var type = c.Type switch
        {
            PointType.Bool => SparkplugDataType.Boolean,
            PointType.String => SparkplugDataType.String,
            _ when scaled => SparkplugDataType.Double,
            PointType.Int16 => SparkplugDataType.Int16,
            PointType.UInt16 => SparkplugDataType.UInt16,
            PointType.Int32 => SparkplugDataType.Int32,
            PointType.UInt32 => SparkplugDataType.UInt32,
            PointType.Int64 => SparkplugDataType.Int64,
            PointType.UInt64 or PointType.Counter => SparkplugDataType.UInt64,
            PointType.Float32 => SparkplugDataType.Float,
            _ => SparkplugDataType.Double,
        };
        return new SparkplugPoint(c.Id, (ulong)point.Index + 1, type, c.Unit);
    }

    /// <summary>The metric carrying <paramref name="sample"/>; births add the name and the unit.</summary>
    public SparkplugMetric Metric(in Sample sample, bool birth)
    {
        var hasValue = sample.Quality != Quality.Bad && (DataType == SparkplugDataType.String ? sample.Text is not null : double.IsFinite(sample.Value));
        List<SparkplugProperty>? properties = null;
        if (birth && Unit is not null)
        {
            properties = [new SparkplugProperty("engUnit", SparkplugDataType.String, SparkplugValue.String(Unit))];
        }

        if (sample.Quality != Quality.Good || !hasValue)
        {
            var code = !hasValue ? QualityBad : sample.Quality switch
            {
                Quality.Uncertain => QualityUncertain,
                Quality.Stale => QualityStale,
                _ => QualityBad,
            };
            (properties ??= []).Add(new SparkplugProperty("Quality", SparkplugDataType.Int32, SparkplugValue.FromNumber(SparkplugDataType.Int32, code)));
        }

        return new SparkplugMetric
        {
            Name = birth ? Name : null,
            Alias = Alias,
            Timestamp = sample.Timestamp == default ? null : UnixMs(sample.Timestamp),
            DataType = DataType,
            IsNull = !hasValue,
            Properties = properties,
            Value = !hasValue ? default : DataType == SparkplugDataType.String ? SparkplugValue.String(sample.Text!) : SparkplugValue.FromNumber(DataType, sample.Value),
        };
    }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public static ulong UnixMs(DateTime time) => (ulong)Math.Max(0, new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds());
}
