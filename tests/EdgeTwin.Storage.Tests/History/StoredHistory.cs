using LiteDB;

namespace EdgeTwin.Storage.Tests;

/// <summary>
/// What the history has committed, read through a second, read-only LiteDB connection (only committed data is
/// there).
/// </summary>
internal static class StoredHistory
{
    /// <summary>The history collections (partitions and earlier layouts) and their bucket ids.</summary>
    public static Dictionary<string, string[]> Collections(string path)
    {
        using var db = Open(path);
        return HistoryNames(db).ToDictionary(n => n, n => db.GetCollection(n).FindAll().Select(d => d["_id"].AsString).ToArray());
    }

    /// <summary>Every stored bucket document.</summary>
    public static List<BsonDocument> Documents(string path)
    {
        using var db = Open(path);
        return HistoryNames(db).SelectMany(n => db.GetCollection(n).FindAll()).ToList();
    }

    /// <summary>A bucket document of the earlier layouts and of now: two values from <paramref name="start"/>, one second apart.</summary>
    public static BsonDocument Bucket(string key, DateTime start, double first, double second)
    {
        var times = new byte[8];
        BitConverter.TryWriteBytes(times.AsSpan(4), 1_000_000);
        var values = new byte[16];
        BitConverter.TryWriteBytes(values.AsSpan(0), first);
        BitConverter.TryWriteBytes(values.AsSpan(8), second);
        return new BsonDocument
        {
            ["_id"] = key + "|" + start.Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture),
            ["k"] = key,
            ["s"] = start.Ticks,
            ["e"] = start.AddSeconds(1).Ticks,
            ["t"] = times,
            ["v"] = values,
        };
    }

    private static LiteDatabase Open(string path) =>
        new(new ConnectionString { Filename = path, ReadOnly = true, Connection = ConnectionType.Shared });

    private static IEnumerable<string> HistoryNames(LiteDatabase db) =>
        db.GetCollectionNames().Where(n => n.StartsWith("history", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
