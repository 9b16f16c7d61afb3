using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

/// <summary>
/// What a crash leaves on disk. LiteDB writes its log from a background thread; these tests copy the files the
/// moment a call returns (what a SIGKILL or power cut would leave) and open the copy.
/// </summary>
public sealed class OutboxDurabilityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open(string name) =>
        Outbox.Open(new OutboxOptions { Path = _dir.File(name + "/edgetwin.db") }, NullLogger.Instance);

    private string CrashCopy(string name, int n)
    {
        var target = _dir.File($"crash{n}");
        CrashImage.Copy(_dir.File(name), target);
        return target;
    }

    [Fact]
    public void Every_commit_is_on_disk_when_commit_returns()
    {
        using var outbox = Open("live");
        for (var i = 0; i < 30; i++)
        {
            var seq = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Encoding.UTF8.GetBytes("m" + i), DateTime.UtcNow);
            outbox.Commit();

            var copy = CrashCopy("live", i);
            using var crashed = Outbox.Open(new OutboxOptions { Path = Path.Combine(copy, "edgetwin.db") }, NullLogger.Instance);
            Assert.False(crashed.Recovered);
            Assert.Equal(seq, crashed.LastCommittedSeq);
            Assert.Equal("m" + i, Encoding.UTF8.GetString(crashed.Find(seq)!.Payload));
        }
    }

    [Fact]
    public void Counters_and_audit_entries_are_on_disk_when_the_call_returns()
    {
        using var outbox = Open("meta");
        Assert.Equal(0, outbox.IncrementCounter("bdSeq"));
        Assert.Equal(1, outbox.IncrementCounter("bdSeq"));
        outbox.Audit.Append(new AuditEntry(DateTime.UtcNow, "alice", "write", "plc1/sp", "12.5", "ok", null));

        var copy = CrashCopy("meta", 0);
        using var crashed = Outbox.Open(new OutboxOptions { Path = Path.Combine(copy, "edgetwin.db") }, NullLogger.Instance);
        Assert.Equal(2, crashed.IncrementCounter("bdSeq"));
        var entry = Assert.Single(crashed.Audit.Recent());
        Assert.Equal(("alice", "plc1/sp", "12.5", "ok"), (entry.Who, entry.Target, entry.Value, entry.Result));
    }
}
