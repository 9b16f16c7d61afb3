using System.Globalization;

namespace EdgeTwin.Storage;

/// <summary>
/// An exclusive lock on the store (the database, its log and its seq reservation), held from before the database is
/// opened until after it is closed: a second gateway (or an <c>edgetwin run</c> started by hand beside the service)
/// with the same <c>storage.path</c> is refused instead of writing the same files. Two writers would interleave
/// LiteDB's pages and reuse each other's seq numbers; the next start would find the database corrupt and move it aside
/// with the messages it held.
/// </summary>
/// <remarks>
/// The lock is an advisory <c>flock</c> on <c>PATH.lock</c> (.NET takes one for <see cref="FileShare.None"/>), so the
/// kernel releases it when the process ends, however it ends: a stale lock file does not block the next start.
/// </remarks>
internal sealed class StoreLock : IDisposable
{
    /// <summary>EWOULDBLOCK (EAGAIN) on Linux: .NET's <see cref="IOException"/> for a file another process has locked carries it.</summary>
    private const int WouldBlock = 11;

    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>The lock file beside <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>Takes the lock of the store at <paramref name="databasePath"/> (a full path), or throws <see cref="StoreInUseException"/>.</summary>
    public static StoreLock Acquire(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            // Read access is enough for the lock and works on a lock file another user created (say, root running
            // the gateway by hand before the service's user); nothing is written to it.
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None, bufferSize: 0));
        }
        catch (IOException ex) when (ex.HResult == WouldBlock)
        {
            throw new StoreInUseException(databasePath, path, Holders(path), ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>
    /// The processes that have <paramref name="path"/> open, from <c>/proc/PID/fd</c>: all of them when run as root,
    /// otherwise those of the same user (the others' descriptors are not readable).
    /// </summary>
    internal static IReadOnlyList<int> Holders(string path)
    {
        var holders = new List<int>();
        var self = Environment.ProcessId;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(System.IO.Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
                {
                    continue;
                }

                try
                {
                    foreach (var fd in Directory.EnumerateFiles(System.IO.Path.Combine(dir, "fd")))
                    {
                        if (new FileInfo(fd).LinkTarget == path)
                        {
                            holders.Add(pid);
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
                {
                    // Another user's process, or one that ended meanwhile.
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // No /proc: the message goes without a pid.
        }

        return holders;
    }
}

/// <summary>The store is locked by another process: two gateways must not share one database.</summary>
public sealed class StoreInUseException : IOException
{
    internal StoreInUseException(string databasePath, string lockPath, IReadOnlyList<int> holders, Exception inner)
        : base(Describe(databasePath, lockPath, holders), inner)
    {
        DatabasePath = databasePath;
        Holders = holders;
    }

    /// <summary>The database that is in use.</summary>
    public string DatabasePath { get; }

    /// <summary>The processes seen holding the lock (empty when they could not be seen).</summary>
    public IReadOnlyList<int> Holders { get; }

    private static string Describe(string databasePath, string lockPath, IReadOnlyList<int> holders)
    {
        var who = holders.Count switch
        {
            0 => "another process",
            1 => "process " + holders[0].ToString(CultureInfo.InvariantCulture),
            _ => "processes " + string.Join(", ", holders.Select(p => p.ToString(CultureInfo.InvariantCulture))),
        };
        return $"storage.path {databasePath} is in use by {who} (it holds {lockPath}): two gateways must not share one " +
            "database. Stop the other one (the service: systemctl stop edgetwin) or give this one its own storage.path";
    }
}
