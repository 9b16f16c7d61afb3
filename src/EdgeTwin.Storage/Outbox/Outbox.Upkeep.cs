namespace EdgeTwin.Storage;

/// <summary>
/// Storage work kept out of the hot path's commits and done when the pipeline is idle: the history's writes, in
/// chunks, and LiteDB's checkpoints. Measured at s2 (100 devices × 100 points every second): the commit that also
/// wrote the history's due buckets (about 600 once a second) took 22-72 ms, and the commit that crossed LiteDB's
/// checkpoint size (1,000 log pages) 16-27 ms, and every message of that poll burst waited for them.
/// </summary>
public sealed partial class Outbox
{
    /// <summary>
    /// Log pages from which an idle pipeline runs a checkpoint (copying the log into the data file), well before
    /// LiteDB's own checkpoint at 1,000 pages would run inside a commit.
    /// </summary>
    internal const int IdleCheckpointPages = 500;

    private bool _historyUnsynced;

    /// <summary>True when <see cref="Upkeep"/> has work. Pipeline thread.</summary>
    public bool UpkeepDue =>
        _historyUnsynced
        || (History?.HasDue(_time.GetUtcNow().UtcDateTime, force: false) ?? false)
        || CheckpointDue;

    private bool CheckpointDue => _files.LogLength >= IdleCheckpointPages * (long)LiteDbCacheProbe.PageSize;

    /// <summary>
    /// Does one step of the storage work kept out of <see cref="CommitMessages"/> and returns true when it did any:
    /// writes up to <see cref="HistoryStore.ChunkBuckets"/> due history buckets in their own transaction, else runs
    /// a checkpoint once the log holds <see cref="IdleCheckpointPages"/> pages, else makes the history written
    /// before durable (its transactions do not wait for the device: the next commit's or this fsync covers them, so
    /// the history still reaches the device within the flush interval). Pipeline thread, between commits.
    /// </summary>
    public bool Upkeep()
    {
        var history = History;
        var now = _time.GetUtcNow().UtcDateTime;
        if (history is not null && history.HasDue(now, force: false))
        {
            // Under the write gate (InTransaction): the pipeline is idle just when the uplink deletes what the broker
            // acknowledged, and without it the two transactions corrupted LiteDB's free-page list (in 2-3 of about
            // 12 runs at s2).
            try
            {
                InTransaction(() => history.WriteDue(now, force: false, HistoryStore.ChunkBuckets));
            }
            catch
            {
                history.RolledBack();
                throw;
            }

            _historyUnsynced = true;
            if (history.AfterCommit())
            {
                _files.WaitDurable();
                _historyUnsynced = false;
            }

            return true;
        }

        if (CheckpointDue)
        {
            lock (_writeGate)
            {
                _db.Checkpoint();
            }

            return true;
        }

        if (_historyUnsynced)
        {
            _files.WaitDurable();
            _historyUnsynced = false;
            return true;
        }

        return false;
    }
}
