namespace EdgeTwin.Storage;

/// <summary>
/// An unbuffered file stream for LiteDB's data or log file. Every write is a pwrite, so an fsync from any thread
/// covers everything written before it. The data file syncs on every flush (LiteDB flushes it at the end of a
/// checkpoint, before it empties the log, so a checkpoint is on the device before the log that covered it is
/// gone). The log file does not: LiteDB's background writer flushes it after every few pages, and syncing each of
/// those cost up to 30 fsyncs per group commit; instead the outbox syncs it once per commit with <see cref="Sync"/>
/// (see <see cref="LiteDbWriteBarrier"/>) before the commit counts as durable.
/// </summary>
internal sealed class DurableFileStream : FileStream
{
    private readonly bool _syncOnFlush;
    private readonly DiskBudget? _disk;

    // bufferSize 0: no FileStream buffer, so every Write is a pwrite and an fsync from another thread covers it.
    public DurableFileStream(string path, bool syncOnFlush, DiskBudget? disk = null)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess)
    {
        _syncOnFlush = syncOnFlush;
        _disk = disk;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _disk?.Take(Position + count - Length, Name);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _disk?.Take(Position + buffer.Length - Length, Name);
        base.Write(buffer);
    }

    public override void SetLength(long value)
    {
        _disk?.Take(value - Length, Name);
        base.SetLength(value);
    }

    public override void Flush() => Flush(flushToDisk: _syncOnFlush);

    public override void Flush(bool flushToDisk) => base.Flush(flushToDisk: _syncOnFlush);

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>fsync: everything written so far is on the device when this returns.</summary>
    public void Sync()
    {
        // LiteDB's ConcurrentStream locks the underlying stream for every operation; take the same lock.
        lock (this)
        {
            base.Flush(flushToDisk: true);
        }
    }
}
