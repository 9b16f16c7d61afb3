using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>The size limit: beyond <see cref="OutboxOptions.MaxBytes"/> the oldest telemetry goes first.</summary>
public sealed partial class Outbox
{
    private static readonly OutboxKind[] DropOrder = [OutboxKind.Telemetry, OutboxKind.Twin, OutboxKind.Event];

    private void EnforceLimit()
    {
        lock (_gate)
        {
            if (_bytes <= _maxBytes)
            {
                return;
            }

            // Drop down to 90 % so that a full buffer does not drop on every commit.
            var target = _maxBytes * 9 / 10;
            long dropped = 0;
            _db.BeginTrans();
            try
            {
                // Oldest telemetry first; twin state and events only when no telemetry is left.
                foreach (var kind in DropOrder)
                {
                    if (_bytes <= target)
                    {
                        break;
                    }

                    var victims = new List<(long Seq, int Bytes)>();
                    var freed = 0L;
                    foreach (var doc in _messages.Query().OrderBy("_id").Select("{i: $._id, k: $.k, n: $.n}").ToEnumerable())
                    {
                        if (_bytes - freed <= target)
                        {
                            break;
                        }

                        if (doc["k"].AsInt32 == (int)kind)
                        {
                            victims.Add((doc["i"].AsInt64, doc["n"].AsInt32));
                            freed += doc["n"].AsInt32;
                        }
                    }

                    foreach (var (seq, bytes) in victims)
                    {
                        if (_messages.Delete(seq))
                        {
                            _bytes -= bytes;
                            _count--;
                            dropped++;
                        }
                    }
                }

                Interlocked.Add(ref _dropped, dropped);
                _meta.Upsert(new BsonDocument { ["_id"] = "state", ["next"] = NextSeq, ["dropped"] = Interlocked.Read(ref _dropped) });
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            Log.Dropped(_logger, dropped, _maxBytes);
            if (!_dropping)
            {
                _dropping = true;
                DroppingStarted?.Invoke(dropped);
            }
        }
    }
}
