using System.Text;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Storage.Tests;

/// <summary>
/// A disk that fills up under the store (ENOSPC, simulated by <see cref="DiskBudget"/>): the commit that does not fit
/// fails instead of returning as durable or hanging, closing the store does not throw (the host's disposal must not
/// abort the process), and what was committed before is intact at the next start, without the database being taken
/// for corrupt.
/// </summary>
public sealed class OutboxFullDiskTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_full_disk_fails_the_commit_then_the_store_closes_quietly_and_reopens_with_every_commit_before_it()
    {
        // On a thread of its own, so that a commit that hangs (it did: the wait for LiteDB's writer outlived the
        // writer's failure) fails the test instead of stopping the run.
        var run = Task.Factory.StartNew(Scenario, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "the store hung on a full disk");
        await run;
    }

    private void Scenario()
    {
        var path = _dir.File("data/edgetwin.db");
        var logger = new ListLogger();
        var committed = new List<(long Seq, string Text)>();
        var outbox = Outbox.Open(new OutboxOptions { Path = path, Disk = new DiskBudget(600_000) }, logger);
        IOException? full = null;
        for (var i = 0; i < 200 && full is null; i++)
        {
            var text = $"m{i}:" + new string('x', 20_000);
            var seq = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Encoding.UTF8.GetBytes(text), DateTime.UtcNow);
            try
            {
                outbox.Commit();
                committed.Add((seq, text));
            }
            catch (IOException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("No space left on device", full.Message, StringComparison.Ordinal);
        Assert.NotEmpty(committed);
        outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", [1, 2, 3], DateTime.UtcNow);

        // Killed right now, the store holds exactly the commits that returned: the one the disk could not take did
        // not return as durable (it did, once: LiteDB's writer signals an empty queue after a failed write too).
        CrashImage.Copy(_dir.File("data"), _dir.File("crash"));
        using (var crashed = Outbox.Open(new OutboxOptions { Path = _dir.File("crash/edgetwin.db") }, logger))
        {
            Assert.Equal(committed[^1].Seq, crashed.LastCommittedSeq);
            Assert.All(committed, c => Assert.Equal(c.Text, Encoding.UTF8.GetString(crashed.Find(c.Seq)!.Payload)));
        }

        outbox.Dispose(); // must not throw

        var stop = Assert.Single(logger.Entries, e => e.EventId == 104);
        Assert.Equal(LogLevel.Error, stop.Level);
        Assert.Contains("cannot be written (No space left on device", stop.Message, StringComparison.Ordinal);
        using var reopened = Outbox.Open(new OutboxOptions { Path = path }, logger);
        Assert.False(reopened.Recovered);
        Assert.Empty(Directory.GetFiles(_dir.File("data"), "*.corrupt-*"));
        Assert.Equal(committed[^1].Seq, reopened.LastCommittedSeq);
        Assert.All(committed, c => Assert.Equal(c.Text, Encoding.UTF8.GetString(reopened.Find(c.Seq)!.Payload)));
        Assert.Equal(committed.Count, reopened.Backlog.Messages);
    }
}
