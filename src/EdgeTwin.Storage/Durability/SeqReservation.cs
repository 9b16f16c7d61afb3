using System.Globalization;

namespace EdgeTwin.Storage;

/// <summary>
/// A high-water mark of sequence numbers kept beside the database, so that a database that must be discarded as
/// corrupt never leads to a reused <c>seq</c>: numbers are reserved in blocks and a fresh database starts above the
/// last reservation. The file is written (and synced) once per block, not per commit.
/// </summary>
internal sealed class SeqReservation
{
    internal const long BlockSize = 1_000_000;
    private readonly string _path;

    public SeqReservation(string databasePath)
    {
        _path = databasePath + ".seq";
        ReservedUpTo = Read();
    }

    /// <summary>Every seq below this value may have been used.</summary>
    public long ReservedUpTo { get; private set; }

    /// <summary>Makes sure every seq below <paramref name="next"/> is covered by the reservation.</summary>
    public void Cover(long next)
    {
        if (next <= ReservedUpTo)
        {
            return;
        }

        var value = next + BlockSize;
        var tmp = _path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(tmp, _path, overwrite: true);
        ReservedUpTo = value;
    }

    private long Read()
    {
        try
        {
            var text = File.Exists(_path) ? File.ReadAllText(_path).Trim() : string.Empty;
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
