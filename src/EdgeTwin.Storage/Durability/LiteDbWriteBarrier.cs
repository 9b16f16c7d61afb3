using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB.Engine;

namespace EdgeTwin.Storage;

/// <summary>
/// Makes a LiteDB commit durable before the caller goes on. LiteDB 5.0 hands the pages of a committed transaction
/// to a background writer queue and returns at once: readers see the transaction immediately, but the pages reach
/// the log file (and the device) later, so a crash right after <c>Commit()</c> could lose it. This barrier waits
/// until the writer queue is empty (every page enqueued so far is written) and then fsyncs the log file.
/// </summary>
/// <remarks>
/// LiteDB exposes no public way to wait for its writer queue, so this reaches its private state by reflection,
/// against the pinned version (5.0.20); if those internals are missing it fails at open, loudly, instead of silently
/// giving up durability. Deliberately not <c>DiskWriterQueue.Wait()</c>: that one asserts the queue is still empty
/// after waking, which another committing thread can falsify.
/// </remarks>
internal sealed class LiteDbWriteBarrier
{
    private readonly ManualResetEventSlim _queueIsEmpty;
    private readonly DurableFileStream _log;

    private LiteDbWriteBarrier(ManualResetEventSlim queueIsEmpty, DurableFileStream log)
    {
        _queueIsEmpty = queueIsEmpty;
        _log = log;
    }

    /// <summary>Binds to the writer queue of <paramref name="engine"/>, whose log stream is <paramref name="log"/>.</summary>
    /// <remarks>The package is compiled ahead of time and trimmed: the attributes keep the members read here (LiteDB's
    /// private ones by name, and <c>Lazy</c>'s properties in the core library).</remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Lazy<>))]
    [DynamicDependency("_disk", "LiteDB.Engine.LiteEngine", "LiteDB")]
    [DynamicDependency("Queue", "LiteDB.Engine.DiskService", "LiteDB")]
    [DynamicDependency("_queueIsEmpty", "LiteDB.Engine.DiskWriterQueue", "LiteDB")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = LiteDbInternals.Kept)]
    public static LiteDbWriteBarrier Attach(LiteEngine engine, DurableFileStream log)
    {
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        const BindingFlags Public = BindingFlags.Instance | BindingFlags.Public;
        var disk = typeof(LiteEngine).GetField("_disk", Private)?.GetValue(engine)
            ?? throw Missing("LiteEngine._disk");
        var lazy = disk.GetType().GetProperty("Queue", Public)?.GetValue(disk)
            ?? throw Missing("DiskService.Queue");
        var queue = lazy.GetType().GetProperty("Value", Public)?.GetValue(lazy)
            ?? throw Missing("Lazy<DiskWriterQueue>.Value");
        var empty = queue.GetType().GetField("_queueIsEmpty", Private)?.GetValue(queue) as ManualResetEventSlim
            ?? throw Missing("DiskWriterQueue._queueIsEmpty");
        return new LiteDbWriteBarrier(empty, log);
    }

    /// <summary>Returns when every transaction committed before the call is on the device.</summary>
    public void Wait()
    {
        _queueIsEmpty.Wait();
        _log.Sync();
    }

    private static InvalidOperationException Missing(string member) =>
        new($"LiteDB internals changed ({member} not found): the outbox cannot make commits durable with this LiteDB version; use the pinned LiteDB 5.0.20");
}
