namespace EdgeTwin.Storage;

/// <summary>
/// A disk of a given size for the database's files, for tests of what a full disk does: a write or a length change
/// that would take the files beyond it fails as the kernel's ENOSPC does, with an <see cref="IOException"/>
/// "No space left on device", and writes nothing.
/// </summary>
internal sealed class DiskBudget
{
    private readonly Lock _gate = new();
    private long _free;

    public DiskBudget(long bytes) => _free = bytes;

    /// <summary>Takes <paramref name="growth"/> bytes, or throws without taking any.</summary>
    public void Take(long growth, string path)
    {
        if (growth <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (growth > _free)
            {
                throw new IOException($"No space left on device : '{path}'");
            }

            _free -= growth;
        }
    }
}
