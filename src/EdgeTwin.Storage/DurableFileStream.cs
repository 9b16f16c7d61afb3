namespace EdgeTwin.Storage;

/// <summary>
/// A file stream whose every flush reaches the device. LiteDB 5 flushes its write-ahead log on commit only to the OS
/// cache (LiteDB issue #2818); handing it this stream makes a committed transaction survive a power cut.
/// </summary>
internal sealed class DurableFileStream : FileStream
{
    public DurableFileStream(string path)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 8192, FileOptions.RandomAccess)
    {
    }

    public override void Flush() => Flush(flushToDisk: true);

    public override void Flush(bool flushToDisk) => base.Flush(flushToDisk: true);

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush(flushToDisk: true);
        return Task.CompletedTask;
    }
}
