using LiteDB;

namespace EdgeTwin.Storage;

/// <summary>Databases written before batch documents: one document per message, converted once at open.</summary>
public sealed partial class Outbox
{
    private const string LegacyMessagesName = "outbox";

    /// <summary>
    /// Moves messages stored one document each (collection <c>outbox</c>) into batch documents, in one transaction,
    /// and then drops the emptied collection (LiteDB drops collections outside transactions only; an empty one left
    /// by a crash in between is dropped at the next open).
    /// </summary>
    private void MigrateLegacyMessages()
    {
        if (!_db.CollectionExists(LegacyMessagesName))
        {
            return;
        }

        var legacy = _db.GetCollection(LegacyMessagesName, BsonAutoId.Int64);
        var messages = legacy.Query().OrderBy("_id").ToEnumerable().Select(FromLegacyDocument).ToList();
        InTransaction(() =>
        {
            for (var start = 0; start < messages.Count;)
            {
                var n = BatchCodec.CountThatFits(messages, start, MaxBatchMessages, BatchCodec.MaxBlobBytes);
                var (blob, entries) = BatchCodec.Encode(messages, start, n);
                _batchDocs.Insert(new BsonDocument { ["_id"] = entries[0].Seq, ["b"] = blob });
                start += n;
            }

            legacy.DeleteAll();
        });
        _db.DropCollection(LegacyMessagesName);
        if (messages.Count > 0)
        {
            Log.Migrated(_logger, messages.Count);
        }
    }

    private static OutboxMessage FromLegacyDocument(BsonDocument d) => new(
        d["_id"].AsInt64,
        (OutboxKind)d["k"].AsInt32,
        d["key"].AsString,
        d["t"].AsString,
        d["p"].AsBinary,
        d["ts"].AsDateTime.ToUniversalTime(),
        d["r"].AsBoolean);
}
