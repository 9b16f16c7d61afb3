using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>
/// How LiteDB's page cache grows. LiteDB 5 adds page buffers in segments of 12, 50, 100, 500 and then 1,000 pages
/// (8 MB each), never gives one back while the database is open, and reuses idle cached pages only when more of
/// them are idle than the next segment would add: so after any burst it holds at least 1,000 idle pages (8 MB) it
/// will not reuse, and grows in 8 MB steps. Measured (tests/bench/PERFORMANCE-LOG.md): the idle demo held all five segments,
/// 13.6 MB, of which 11 MB were free pages; at 10,000 points/s each hour-long soak added one more 8 MB segment.
/// With segments of at most <see cref="LargestSegmentPages"/> pages the cache reuses idle pages once 100 are idle
/// and otherwise grows by 0.8 MB, so it follows the pages transactions actually hold.
/// </summary>
/// <remarks>
/// The sizes are a static array in LiteDB's internal <c>Constants</c> class, read by every engine when it opens, so
/// they are set once for the process before the first database is opened (by reflection against the pinned 5.0.20;
/// if the field is missing the cache keeps LiteDB's own sizes, which costs memory, never data).
/// </remarks>
internal static class LiteDbCacheSegments
{
    /// <summary>The largest segment, in 8 kB pages.</summary>
    public const int LargestSegmentPages = 100;

    private static readonly int[] Sizes = [12, 50, LargestSegmentPages];
    private static int _applied;

    /// <summary>Sets the segment sizes (once per process); false when LiteDB's internals are not as expected.</summary>
    public static bool Apply()
    {
        if (Volatile.Read(ref _applied) == 1)
        {
            return true;
        }

        if (Field() is not { IsInitOnly: false } field || field.FieldType != typeof(int[]))
        {
            return false;
        }

        field.SetValue(null, Sizes);
        Volatile.Write(ref _applied, 1);
        return true;
    }

    /// <summary>The sizes LiteDB will use for the next database it opens, or null when unknown.</summary>
    public static IReadOnlyList<int>? Current => Field()?.GetValue(null) as int[];

    [DynamicDependency("MEMORY_SEGMENT_SIZES", "LiteDB.Constants", "LiteDB")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = LiteDbInternals.Kept)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = LiteDbInternals.Kept)]
    private static FieldInfo? Field() =>
        typeof(LiteDatabase).Assembly.GetType("LiteDB.Constants")?.GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Public | BindingFlags.Static);
}
