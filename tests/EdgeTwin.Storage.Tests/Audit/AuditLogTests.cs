using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open() => Outbox.Open(new OutboxOptions { Path = _dir.File("edgetwin.db") }, NullLogger.Instance);

    [Fact]
    public void Entries_are_appended_with_increasing_ids_and_read_back_oldest_first_after_reopen()
    {
        var t0 = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        using (var outbox = Open())
        {
            var first = outbox.Audit.Append(new AuditEntry(t0, "alice", "write", "plc1/sp", "12.5", "ok", null));
            var second = outbox.Audit.Append(new AuditEntry(t0.AddSeconds(1), "bob", "write", "plc1/run", "true", "denied", "point is not writable"));
            Assert.True(second.Id > first.Id);
        }

        using var reopened = Open();
        var all = reopened.Audit.Recent();
        Assert.Equal(new[] { "alice", "bob" }, all.Select(e => e.Who));
        Assert.Equal("point is not writable", all[1].Reason);
        Assert.Null(all[0].Reason);
        Assert.Equal(t0, all[0].Timestamp);

        Assert.Equal("bob", Assert.Single(reopened.Audit.Recent(max: 1)).Who);
        Assert.Equal("bob", Assert.Single(reopened.Audit.Recent(since: t0.AddMilliseconds(500))).Who);
    }
}
