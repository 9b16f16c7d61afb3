using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Storage.Tests;

/// <summary>
/// One store, one gateway: a second open of a store that is open is refused before it touches a file, and the store
/// opens again once the first has closed (the lock is the kernel's, released with the handle or the process).
/// </summary>
public sealed class OutboxLockTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Outbox Open() => Outbox.Open(new OutboxOptions { Path = _dir.File("data/edgetwin.db") }, NullLogger.Instance);

    private static long AddAndCommit(Outbox outbox, string text)
    {
        var seq = outbox.Add(OutboxKind.Telemetry, "plc1", "t/plc1", Encoding.UTF8.GetBytes(text), DateTime.UtcNow);
        outbox.Commit();
        return seq;
    }

    [Fact]
    public void A_store_that_is_open_is_refused_naming_the_path_and_the_lock_and_left_as_it_is()
    {
        long first, second;
        using (var outbox = Open())
        {
            first = AddAndCommit(outbox, "before");
            var files = Directory.GetFiles(_dir.File("data")).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToDictionary(f => f, File.ReadAllBytes);

            var ex = Assert.Throws<StoreInUseException>(Open);

            var full = Path.GetFullPath(_dir.File("data/edgetwin.db"));
            Assert.Equal(full, ex.DatabasePath);
            Assert.StartsWith($"storage.path {full} is in use by another process (it holds {full}.lock)", ex.Message, StringComparison.Ordinal);
            Assert.Empty(ex.Holders); // this process is the holder, and it is not listed as another one
            Assert.Equal(files.Keys.Append(full + ".lock").Order(), Directory.GetFiles(_dir.File("data")).Order());
            Assert.All(files, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
            Assert.Empty(Directory.GetFiles(_dir.File("data"), "*.corrupt-*"));

            second = AddAndCommit(outbox, "after");
        }

        using var reopened = Open();
        Assert.False(reopened.Recovered);
        Assert.Equal("before", Encoding.UTF8.GetString(reopened.Find(first)!.Payload));
        Assert.Equal("after", Encoding.UTF8.GetString(reopened.Find(second)!.Payload));
    }

    [Fact]
    public void A_lock_file_left_by_a_process_that_ended_does_not_block_the_next_open()
    {
        Directory.CreateDirectory(_dir.File("data"));
        File.WriteAllText(_dir.File("data/edgetwin.db.lock"), string.Empty);

        using var outbox = Open();
        Assert.Equal(1, AddAndCommit(outbox, "m"));
    }

    [Fact]
    public async Task The_processes_holding_a_file_are_found_in_proc()
    {
        var path = _dir.File("held");
        using var held = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", $"exec 3<'{path}'; exec sleep 30"]))!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!StoreLock.Holders(path).Contains(child.Id) && !timeout.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }

            Assert.Equal([child.Id], StoreLock.Holders(path));
            Assert.Empty(StoreLock.Holders(_dir.File("nobody-has-this")));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }
}
