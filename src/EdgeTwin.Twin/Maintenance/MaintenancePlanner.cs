namespace EdgeTwin.Twin.Maintenance;

/// <summary>One shared maintenance window of a plan: the assets worked on together (at most the site's limit at once).</summary>
/// <param name="Start">When the window starts.</param>
/// <param name="Duration">How long the line is down for it (the longest downtime of its assets).</param>
/// <param name="Deadline">The earliest window end of its recommendations (the window must be done by then).</param>
/// <param name="Assets">Assets worked on in it, most urgent first.</param>
/// <param name="Late">Assets whose recommended window ends before this window does (the constraint cannot meet them).</param>
public sealed record PlannedWindow(DateTime Start, TimeSpan Duration, DateTime Deadline, IReadOnlyList<string> Assets, IReadOnlyList<string> Late);

/// <summary>A coordinated maintenance plan and what its grouping saves against one stop per asset.</summary>
/// <param name="MaxDown">The site constraint used (most assets down at once).</param>
/// <param name="Windows">Shared windows, in order.</param>
/// <param name="SeparateStops">Stops if every asset were stopped on its own.</param>
/// <param name="SeparateDowntime">Line downtime if every asset were stopped on its own (the sum of their downtimes).</param>
/// <param name="PlannedDowntime">Line downtime of the plan (the sum of the windows' durations).</param>
/// <param name="Cost">Sum of the jobs' costs (the same either way), or null when none is configured.</param>
public sealed record MaintenancePlan(int MaxDown, IReadOnlyList<PlannedWindow> Windows, int SeparateStops, TimeSpan SeparateDowntime, TimeSpan PlannedDowntime, double? Cost)
{
    /// <summary>Stops saved by grouping.</summary>
    public int StopsSaved => SeparateStops - Windows.Count;

    /// <summary>Line downtime saved by grouping.</summary>
    public TimeSpan DowntimeSaved => SeparateDowntime - PlannedDowntime;

    /// <summary>
    /// True when <paramref name="other"/> plans the same work: the same windows (assets, duration, deadline, late
    /// assets) under the same constraint and cost. Window starts are not compared: they follow the time of planning.
    /// </summary>
    public bool SameAs(MaintenancePlan other) =>
        MaxDown == other.MaxDown && SeparateStops == other.SeparateStops && SeparateDowntime == other.SeparateDowntime
        && PlannedDowntime == other.PlannedDowntime && Cost == other.Cost && Windows.Count == other.Windows.Count
        && Windows.Zip(other.Windows).All(p => p.First.Duration == p.Second.Duration && p.First.Deadline == p.Second.Deadline
            && p.First.Assets.SequenceEqual(p.Second.Assets, StringComparer.Ordinal) && p.First.Late.SequenceEqual(p.Second.Late, StringComparer.Ordinal));
}

/// <summary>
/// Groups the open recommendations of several assets into shared windows: most urgent first (earliest window end,
/// then highest priority), at most <c>maxDown</c> assets per window worked in parallel, windows one after the other
/// from now. Work pulled forward into an earlier shared window is allowed (doing maintenance early is safe); a
/// window that cannot end before an asset's recommended window ends names that asset as late. Pure.
/// </summary>
public static class MaintenancePlanner
{
    /// <summary>Plans <paramref name="recommendations"/> from <paramref name="now"/> with at most <paramref name="maxDown"/> assets down at once.</summary>
    public static MaintenancePlan Plan(IEnumerable<MaintenanceRecommendation> recommendations, int maxDown, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDown, 1);
        var ordered = recommendations
            .Where(r => r.State is RecommendationState.Open or RecommendationState.Acknowledged)
            .OrderBy(r => r.WindowEnd)
            .ThenByDescending(r => r.Priority)
            .ThenBy(r => r.Asset, StringComparer.Ordinal)
            .ToList();
        var windows = new List<PlannedWindow>();
        var cursor = now;
        for (var i = 0; i < ordered.Count; i += maxDown)
        {
            var group = ordered.Skip(i).Take(maxDown).ToList();
            var duration = group.Max(r => r.Downtime ?? TimeSpan.Zero);
            var deadline = group.Min(r => r.WindowEnd);
            var end = cursor + duration;
            var late = group.Where(r => r.WindowEnd < end).Select(r => r.Asset).ToList();
            windows.Add(new PlannedWindow(cursor, duration, deadline, group.Select(r => r.Asset).ToList(), late));
            cursor = end;
        }

        var separate = TimeSpan.FromTicks(ordered.Sum(r => (r.Downtime ?? TimeSpan.Zero).Ticks));
        var planned = TimeSpan.FromTicks(windows.Sum(w => w.Duration.Ticks));
        var costs = ordered.Where(r => r.Cost is not null).Select(r => r.Cost!.Value).ToList();
        return new MaintenancePlan(maxDown, windows, ordered.Count, separate, planned, costs.Count == 0 ? null : costs.Sum());
    }
}
