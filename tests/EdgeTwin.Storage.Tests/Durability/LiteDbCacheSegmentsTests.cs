using LiteDB;

namespace EdgeTwin.Storage.Tests.Durability;

public sealed class LiteDbCacheSegmentsTests
{
    [Fact]
    public void The_cache_grows_in_small_segments_and_reuses_idle_pages()
    {
        using var dir = new TempDir();
        using var files = LiteDbFiles.Open(dir.File("cache.db"), durable: true);
        Assert.Equal([12, 50, LiteDbCacheSegments.LargestSegmentPages], LiteDbCacheSegments.Current);

        // About 20 MB through the cache: 400 durable transactions of ~50 kB, then every document read back one by
        // one. With LiteDB's own segments (12, 50, 100, 500, 1,000 pages) the cache ended with all of them after
        // the writes and after the reads, 1,662 pages (13.6 MB), since it reuses idle pages only when more than
        // 1,000 are idle; with these, 162 pages (1.3 MB) both times.
        var collection = files.Database.GetCollection("blobs");
        var payload = new byte[50_000];
        for (var i = 0; i < 400; i++)
        {
            Random.Shared.NextBytes(payload);
            files.Database.BeginTrans();
            collection.Insert(new BsonDocument { ["_id"] = i, ["b"] = payload });
            files.Database.Commit();
            files.WaitDurable();
        }

        var afterWrites = files.Cache.AllocatedPages;

        // Reads one at a time (a query's transaction keeps every page it read until it ends).
        var read = 0L;
        for (var i = 0; i < 400; i++)
        {
            read += collection.FindById(i)["b"].AsBinary.Length;
        }

        Assert.Equal(400L * payload.Length, read);
        var afterReads = files.Cache.AllocatedPages;
        Assert.InRange(afterWrites ?? -1, 1, 300);
        Assert.InRange(afterReads ?? -1, 1, 300);
    }
}
