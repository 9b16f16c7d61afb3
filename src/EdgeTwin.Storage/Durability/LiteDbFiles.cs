using LiteDB;
using LiteDB.Engine;

namespace EdgeTwin.Storage;

/// <summary>
/// The open database: the LiteDB instance, its data and log streams and the write barrier. LiteDB does not close
/// streams it was handed, so this does.
/// </summary>
internal sealed class LiteDbFiles : IDisposable
{
    private readonly DurableFileStream? _data;
    private readonly DurableFileStream? _log;

    private LiteDbFiles(string path, LiteDatabase database, DurableFileStream? data, DurableFileStream? log, LiteDbWriteBarrier? barrier, LiteDbCacheProbe cache)
    {
        Path = path;
        Database = database;
        Cache = cache;
        _data = data;
        _log = log;
        Barrier = barrier;
    }

    /// <summary>The data file.</summary>
    public string Path { get; }

    /// <summary>The database.</summary>
    public LiteDatabase Database { get; }

    /// <summary>The size of LiteDB's page cache.</summary>
    public LiteDbCacheProbe Cache { get; }

    /// <summary>Waits until committed transactions are on the device; null when not durable.</summary>
    public LiteDbWriteBarrier? Barrier { get; }

    /// <summary>The log file's length in bytes now (LiteDB empties it at each checkpoint).</summary>
    public long LogLength
    {
        get
        {
            if (_log is not null)
            {
                return _log.Length;
            }

            var log = new FileInfo(LogPath(Path));
            return log.Exists ? log.Length : 0;
        }
    }

    /// <summary>Opens <paramref name="path"/> (and its -log file beside it).</summary>
    public static LiteDbFiles Open(string path, bool durable, DiskBudget? disk = null)
    {
        DurableFileStream? data = null, log = null;
        try
        {
            LiteDbCacheSegments.Apply();
            data = durable ? new DurableFileStream(path, syncOnFlush: true, disk) : null;
            log = durable ? new DurableFileStream(LogPath(path), syncOnFlush: false, disk) : null;
            var engine = new LiteEngine(new EngineSettings { Filename = path, DataStream = data, LogStream = log });
            var database = new LiteDatabase(engine, disposeOnClose: true) { UtcDate = true };
            var barrier = log is null ? null : LiteDbWriteBarrier.Attach(engine, log);
            return new LiteDbFiles(path, database, data, log, barrier, LiteDbCacheProbe.Attach(engine));
        }
        catch
        {
            data?.Dispose();
            log?.Dispose();
            throw;
        }
    }

    /// <summary>The log file LiteDB keeps beside <paramref name="path"/>.</summary>
    public static string LogPath(string path) => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(path)!,
        System.IO.Path.GetFileNameWithoutExtension(path) + "-log" + System.IO.Path.GetExtension(path));

    /// <summary>Makes every committed transaction durable (no-op when not durable).</summary>
    public void WaitDurable() => Barrier?.Wait();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Database.Dispose();
        }
        finally
        {
            _data?.Dispose();
            _log?.Dispose();
        }
    }
}
