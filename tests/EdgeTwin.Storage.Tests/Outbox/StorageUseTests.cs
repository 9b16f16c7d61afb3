using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

/// <summary>What <see cref="Outbox.StorageUse"/> reports about the database's files and LiteDB's page cache.</summary>
public sealed class StorageUseTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reports_the_files_and_a_page_cache_that_grows_in_whole_pages_as_data_is_written()
    {
        var path = _dir.File("db/edgetwin.db");
        using var outbox = Outbox.Open(new OutboxOptions { Path = path }, NullLogger.Instance);
        var before = outbox.StorageUse;
        // The pinned LiteDB's internals are readable: a null here means the probe no longer matches LiteDB.
        Assert.NotNull(before.CacheBytes);
        Assert.NotNull(before.CacheFreeBytes);
        Assert.True(before.CacheBytes > 0);

        var payload = new byte[3000];
        for (var i = 0; i < 2000; i++)
        {
            outbox.Add(OutboxKind.Telemetry, "plc" + (i % 10), "t", payload, DateTime.UtcNow);
            if (i % 100 == 99)
            {
                outbox.Commit();
            }
        }

        var after = outbox.StorageUse;
        Assert.Equal(new FileInfo(path).Length, after.DataFileBytes);
        Assert.Equal(new FileInfo(LiteDbFiles.LogPath(path)).Length, after.LogFileBytes);
        // 6 MB of payload went through the cache: it has grown, in whole 8 kB pages, and holds more than it has free.
        Assert.True(after.CacheBytes > before.CacheBytes, $"{before} -> {after}");
        Assert.Equal(0, after.CacheBytes!.Value % LiteDbCacheProbe.PageSize);
        Assert.InRange(after.CacheFreeBytes!.Value, 0, after.CacheBytes.Value);
        // Between commits no transaction is open and no query runs: nothing is held.
        Assert.Equal(0, after.CacheWritableBytes);
        Assert.InRange(after.CacheInUseBytes!.Value, 0, after.CacheBytes.Value);
        Assert.True(after.DataFileBytes + after.LogFileBytes > 2000 * 3000, $"{after}");
    }
}
