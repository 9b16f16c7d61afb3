using System.Globalization;

namespace EdgeTwin.Storage;

/// <summary>
/// One collection of history buckets: a time partition (the buckets whose start lies in [<see cref="Start"/>,
/// <see cref="End"/>), collection <c>history_yyyyMMddHHmm_M</c> with the UTC start and the span in minutes), or a
/// collection of an earlier layout (<c>history</c>, <c>history2</c>: any start, purged bucket by bucket).
/// </summary>
internal sealed class HistoryPartition
{
    /// <summary>What every partition's name starts with.</summary>
    public const string Prefix = "history_";

    /// <summary>
    /// Spans a partition can have, each a multiple of the one before, so that partitions made with different spans
    /// (after the retention changed) are nested or apart, never partly overlapping; beyond a day, doubling days.
    /// </summary>
    private static readonly int[] SpanMinutes = [1, 5, 15, 30, 60, 180, 360, 720, 1440];

    private const string StartFormat = "yyyyMMddHHmm";

    private HistoryPartition(string name, DateTime start, DateTime end)
    {
        Name = name;
        Start = start;
        End = end;
    }

    /// <summary>The collection's name.</summary>
    public string Name { get; }

    /// <summary>The earliest bucket start it holds (inclusive); <see cref="DateTime.MinValue"/> for an earlier layout.</summary>
    public DateTime Start { get; }

    /// <summary>The end of its bucket starts (exclusive); <see cref="DateTime.MaxValue"/> for an earlier layout.</summary>
    public DateTime End { get; }

    /// <summary>True for a collection of an earlier layout (not a time partition).</summary>
    public bool IsLegacy => Start == DateTime.MinValue;

    /// <summary>Until when the purge leaves it alone (it found nothing more expired in it).</summary>
    public DateTime IdleUntil { get; set; }

    /// <summary>A collection of an earlier layout, holding buckets of any time.</summary>
    public static HistoryPartition Legacy(string name) => new(name, DateTime.MinValue, DateTime.MaxValue);

    /// <summary>
    /// The span for <paramref name="retention"/>: the shortest of 1, 5, 15, 30 minutes, 1, 3, 6, 12 hours, 1, 2, 4,
    /// 8 ... days that is at least <paramref name="retention"/> divided by <paramref name="perRetention"/>.
    /// </summary>
    public static TimeSpan SpanFor(TimeSpan retention, int perRetention)
    {
        var wanted = retention / perRetention;
        foreach (var minutes in SpanMinutes)
        {
            if (TimeSpan.FromMinutes(minutes) >= wanted)
            {
                return TimeSpan.FromMinutes(minutes);
            }
        }

        var days = TimeSpan.FromDays(1);
        while (days < wanted)
        {
            days *= 2;
        }

        return days;
    }

    /// <summary>The partition of <paramref name="span"/> holding buckets that start at <paramref name="time"/>.</summary>
    public static HistoryPartition Of(DateTime time, TimeSpan span)
    {
        var start = new DateTime(time.Ticks - time.Ticks % span.Ticks, DateTimeKind.Utc);
        var end = DateTime.MaxValue - start > span ? start + span : DateTime.MaxValue;
        var name = Prefix + start.ToString(StartFormat, CultureInfo.InvariantCulture) + "_" + ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return new HistoryPartition(name, start, end);
    }

    /// <summary>The partition named <paramref name="name"/>, or null when the name is not one of a partition.</summary>
    public static HistoryPartition? Parse(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = name.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split != StartFormat.Length
            || !DateTime.TryParseExact(rest[..split], StartFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            || !long.TryParse(rest[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes < 1 || minutes > TimeSpan.MaxValue.TotalMinutes / 2)
        {
            return null;
        }

        var of = Of(start, TimeSpan.FromMinutes(minutes));
        return of.Start == start ? of : null;
    }

    /// <summary>True when it may hold buckets starting at <paramref name="time"/>.</summary>
    public bool Covers(DateTime time) => time >= Start && time < End;

    /// <summary>
    /// True when the purge may delete its buckets whose values are all older than <paramref name="cutoff"/>: all of
    /// them start before <paramref name="cutoff"/> (it ends before), or it is of an earlier layout.
    /// </summary>
    public bool Purgeable(DateTime cutoff) => IsLegacy || End <= cutoff;

    /// <inheritdoc />
    public override string ToString() => Name;
}
