using EdgeTwin.Core.Points;
using EdgeTwin.Twin.State;

namespace EdgeTwin.Gateway.Http;

/// <summary>Recent values of one property: times and values, oldest first.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Unit">Engineering unit.</param>
/// <param name="Times">Sample times (UTC).</param>
/// <param name="Values">Values.</param>
/// <param name="Single">True when the values are single-precision floats (written as the shortest float).</param>
public sealed record PropertyHistory(string Name, string? Unit, DateTime[] Times, double[] Values, bool Single = false);

/// <summary>Copies the in-memory history rings of an asset's properties (on the pipeline thread, which owns them).</summary>
public static class AssetHistory
{
    /// <summary>Most points per property a caller may ask for.</summary>
    public const int MaxPoints = 3600;

    /// <summary>
    /// Copies the values at or after <paramref name="since"/> of every property of <paramref name="asset"/>; a property
    /// with more than <paramref name="maxPoints"/> values is thinned to the minimum and maximum of equal slices, so that
    /// peaks (what alarms are about) survive. Pipeline thread only.
    /// </summary>
    public static IReadOnlyList<PropertyHistory> Capture(AssetState asset, DateTime since, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(asset);
        maxPoints = Math.Clamp(maxPoints, 2, MaxPoints);
        var result = new List<PropertyHistory>(asset.Properties.Count);
        foreach (var property in asset.Properties)
        {
            var ring = property.History;
            var first = FirstAtOrAfter(ring, since);
            var count = ring.Count - first;
            var times = new DateTime[count];
            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                (times[i], values[i]) = ring[first + i];
            }

            var single = property.Type == PointType.Float32;
            result.Add(count > maxPoints
                ? Thin(property.Name, property.Unit, times, values, maxPoints) with { Single = single }
                : new PropertyHistory(property.Name, property.Unit, times, values, single));
        }

        return result;
    }

    private static int FirstAtOrAfter(History ring, DateTime since)
    {
        // Times in a ring grow (samples arrive in order), so a binary search finds the start of the window.
        int low = 0, high = ring.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (ring[mid].Time < since)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static PropertyHistory Thin(string name, string? unit, DateTime[] times, double[] values, int maxPoints)
    {
        var slices = maxPoints / 2;
        var outTimes = new List<DateTime>(maxPoints);
        var outValues = new List<double>(maxPoints);
        for (var s = 0; s < slices; s++)
        {
            var start = (int)((long)s * values.Length / slices);
            var end = (int)((long)(s + 1) * values.Length / slices);
            int min = start, max = start;
            for (var i = start + 1; i < end; i++)
            {
                if (values[i] < values[min])
                {
                    min = i;
                }

                if (values[i] > values[max])
                {
                    max = i;
                }
            }

            foreach (var i in min == max ? [min] : min < max ? new[] { min, max } : [max, min])
            {
                outTimes.Add(times[i]);
                outValues.Add(values[i]);
            }
        }

        return new PropertyHistory(name, unit, outTimes.ToArray(), outValues.ToArray());
    }
}
