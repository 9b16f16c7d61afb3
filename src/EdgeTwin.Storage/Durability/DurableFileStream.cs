namespace EdgeTwin.Storage;

/// <summary>
/// An unbuffered file stream whose every flush reaches the device. LiteDB 5 writes its write-ahead log from a
/// background thread and flushes it only to the OS cache; handing it this stream makes its flushes real, and
/// <see cref="Sync"/> lets the outbox force one itself (see <see cref="LiteDbWriteBarrier"/>).
/// </summary>
internal sealed class DurableFileStream : FileStream
{
    // bufferSize 0: no FileStream buffer, so every Write is a pwrite and an fsync from another thread covers it.
    public DurableFileStream(string path)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess)
    {
    }

    public override void Flush() => Flush(flushToDisk: true);

    public override void Flush(bool flushToDisk) => base.Flush(flushToDisk: true);

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush(flushToDisk: true);
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
