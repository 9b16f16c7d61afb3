using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB.Engine;

namespace EdgeTwin.Storage;

/// <summary>
/// Reads the size of LiteDB's page cache: the 8 kB page buffers it has allocated (in segments of up to 1,000 pages,
/// never returned while the database is open) and how many of them are free. LiteDB 5 has no public way to read
/// these, so this reaches its internals by reflection against the pinned version (5.0.20); when they are missing
/// the figures are null (a diagnostic only, nothing depends on it).
/// </summary>
internal sealed class LiteDbCacheProbe
{
    /// <summary>Bytes of one LiteDB page.</summary>
    public const int PageSize = 8192;

    private readonly object? _cache;
    private readonly PropertyInfo? _extendPages;
    private readonly PropertyInfo? _freePages;
    private readonly PropertyInfo? _pagesInUse;
    private readonly PropertyInfo? _writablePages;

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = LiteDbInternals.Kept)]
    private LiteDbCacheProbe(object? cache, Type? type)
    {
        const BindingFlags Public = BindingFlags.Instance | BindingFlags.Public;
        _cache = cache;
        _extendPages = type?.GetProperty("ExtendPages", Public);
        _freePages = type?.GetProperty("FreePages", Public);
        _pagesInUse = type?.GetProperty("PagesInUse", Public);
        _writablePages = type?.GetProperty("WritablePages", Public);
    }

    /// <summary>Binds to the cache of <paramref name="engine"/>.</summary>
    [DynamicDependency("_disk", "LiteDB.Engine.LiteEngine", "LiteDB")]
    [DynamicDependency("Cache", "LiteDB.Engine.DiskService", "LiteDB")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, "LiteDB.Engine.MemoryCache", "LiteDB")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = LiteDbInternals.Kept)]
    public static LiteDbCacheProbe Attach(LiteEngine engine)
    {
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        const BindingFlags Public = BindingFlags.Instance | BindingFlags.Public;
        var disk = typeof(LiteEngine).GetField("_disk", Private)?.GetValue(engine);
        var cache = disk?.GetType().GetProperty("Cache", Public)?.GetValue(disk);
        return new LiteDbCacheProbe(cache, cache?.GetType());
    }

    /// <summary>Pages the cache has allocated, or null when LiteDB's internals are not as expected.</summary>
    public int? AllocatedPages => _extendPages?.GetValue(_cache) as int?;

    /// <summary>Allocated pages holding nothing at the moment, or null when unknown.</summary>
    public int? FreePages => _freePages?.GetValue(_cache) as int?;

    /// <summary>Cached pages being read at the moment (by a query, or waiting for the disk writer), or null when unknown.</summary>
    public int? PagesInUse => _pagesInUse?.GetValue(_cache) as int?;

    /// <summary>Pages held by open transactions (neither free nor cached), or null when unknown.</summary>
    public int? WritablePages => _writablePages?.GetValue(_cache) as int?;
}
