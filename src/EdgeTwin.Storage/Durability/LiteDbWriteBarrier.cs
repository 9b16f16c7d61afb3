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
    /// <summary>How often a wait for the writer checks whether it failed (only while the queue is not empty yet).</summary>
    private static readonly TimeSpan FaultCheck = TimeSpan.FromMilliseconds(50);

    private readonly ManualResetEventSlim _queueIsEmpty;
    private readonly DurableFileStream _log;
    private readonly object _queue;
    private readonly FieldInfo _queueException;

    private LiteDbWriteBarrier(ManualResetEventSlim queueIsEmpty, DurableFileStream log, object queue, FieldInfo queueException)
    {
        _queueIsEmpty = queueIsEmpty;
        _log = log;
        _queue = queue;
        _queueException = queueException;
    }

    /// <summary>Binds to the writer queue of <paramref name="engine"/>, whose log stream is <paramref name="log"/>.</summary>
    /// <remarks>The package is compiled ahead of time and trimmed: the attributes keep the members read here (LiteDB's
    /// private ones by name, and <c>Lazy</c>'s properties in the core library).</remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Lazy<>))]
    [DynamicDependency("_disk", "LiteDB.Engine.LiteEngine", "LiteDB")]
    [DynamicDependency("Queue", "LiteDB.Engine.DiskService", "LiteDB")]
    [DynamicDependency("_queueIsEmpty", "LiteDB.Engine.DiskWriterQueue", "LiteDB")]
    [DynamicDependency("_exception", "LiteDB.Engine.DiskWriterQueue", "LiteDB")]
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
        var failed = queue.GetType().GetField("_exception", Private)
            ?? throw Missing("DiskWriterQueue._exception");
        return new LiteDbWriteBarrier(empty, log, queue, failed);
    }

    /// <summary>Returns when every transaction committed before the call is on the device.</summary>
    public void Wait()
    {
        // A writer that failed (a full disk) keeps the failure, and LiteDB closes the engine on it; the event may then
        // never be set (waiting for it alone hung the committing thread for good), or be set with the failed pages
        // not written (a commit then counted as durable was missing after a restart). So the failure is checked
        // while waiting and once more after.
        while (!_queueIsEmpty.Wait(FaultCheck))
        {
            ThrowIfFailed();
        }

        ThrowIfFailed();
        _log.Sync();
    }

    private void ThrowIfFailed()
    {
        if (_queueException.GetValue(_queue) is Exception failure)
        {
            throw new IOException(failure.Message, failure);
        }
    }

    private static InvalidOperationException Missing(string member) =>
        new($"LiteDB internals changed ({member} not found): the outbox cannot make commits durable with this LiteDB version; use the pinned LiteDB 5.0.20");
}
