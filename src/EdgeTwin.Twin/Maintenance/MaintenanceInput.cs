namespace EdgeTwin.Twin.Maintenance;

/// <summary>What the advisor looks at for one asset at one moment (from its models and history).</summary>
/// <param name="Time">Now.</param>
/// <param name="Probability">Failure probability within <paramref name="Horizon"/>, or null while the failure model has no prediction.</param>
/// <param name="Horizon">Horizon of the probability.</param>
/// <param name="RulHours">Remaining useful life in hours, or null.</param>
/// <param name="RulInterval">Its 90 % interval, or null.</param>
/// <param name="Anomalous">The anomaly model's debounced flag.</param>
/// <param name="AnomalyScore">Anomaly score and its threshold, or null.</param>
/// <param name="Contributions">Properties contributing to the anomaly score, largest first.</param>
/// <param name="Trends">Recent trends of the properties the models watch.</param>
/// <param name="TwinConfidence">The twin's confidence in its data (0..1).</param>
public sealed record MaintenanceInput(
    DateTime Time,
    double? Probability,
    TimeSpan? Horizon,
    double? RulHours,
    (double Low, double High)? RulInterval,
    bool Anomalous,
    (double Score, double Threshold)? AnomalyScore,
    IReadOnlyList<(string Property, double Share)> Contributions,
    IReadOnlyList<PropertyTrend> Trends,
    double TwinConfidence = 1);

/// <summary>The recent trend of one property (least-squares line over its history).</summary>
/// <param name="Property">Property name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="SlopePerHour">Change per hour.</param>
/// <param name="Change">Change over <paramref name="Over"/> relative to the mean level (0.24 = +24 %).</param>
/// <param name="Over">Time covered.</param>
/// <param name="Strength">R² of the line (0..1): how clearly the property trends rather than scatters.</param>
public sealed record PropertyTrend(string Property, string? Unit, double SlopePerHour, double Change, TimeSpan Over, double Strength)
{
    /// <summary>
    /// The trend of <paramref name="points"/> (time, value) from <paramref name="since"/> on, or null with fewer than
    /// 10 points or less than a second covered.
    /// </summary>
    public static PropertyTrend? Of(string property, string? unit, IReadOnlyList<(DateTime Time, double Value)> points, DateTime since)
    {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        DateTime? first = null, last = null;
        foreach (var (time, value) in points)
        {
            if (time < since || !double.IsFinite(value))
            {
                continue;
            }

            first ??= time;
            last = time;
            var x = (time - since).TotalHours;
            n++;
            sx += x;
            sy += value;
            sxx += x * x;
            sxy += x * value;
            syy += value * value;
        }

        if (n < 10 || first is null || (last!.Value - first.Value).TotalSeconds < 1)
        {
            return null;
        }

        var vx = sxx - sx * sx / n;
        var vy = syy - sy * sy / n;
        var cxy = sxy - sx * sy / n;
        if (vx <= 0)
        {
            return null;
        }

        var slope = cxy / vx;
        var r2 = vy <= 0 ? 0 : Math.Clamp(cxy * cxy / (vx * vy), 0, 1);
        var over = last.Value - first.Value;
        var mean = sy / n;
        var change = Math.Abs(mean) < 1e-12 ? 0 : slope * over.TotalHours / Math.Abs(mean);
        return new PropertyTrend(property, unit, slope, change, over, r2);
    }
}
