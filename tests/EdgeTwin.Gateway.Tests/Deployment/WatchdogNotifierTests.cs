using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Testing;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeTwin.Gateway.Tests.Deployment;

public sealed class WatchdogNotifierTests
{
    [Fact]
    public async Task Sends_the_hosting_states_as_sd_notify_datagrams()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));
        var notifier = new WatchdogNotifier(systemd.Path);

        Assert.True(notifier.IsEnabled);
        notifier.Notify(ServiceState.Ready);
        Assert.True(notifier.Send("WATCHDOG=1"));
        notifier.Notify(ServiceState.Stopping);

        await systemd.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(5));
        Assert.Equal(["READY=1", "WATCHDOG=1", "STOPPING=1"], systemd.Received.Select(r => r.Text));
    }

    [Fact]
    public async Task A_reload_says_reloading_then_ready_and_hides_the_old_hosts_stopping()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));
        var notifier = new WatchdogNotifier(systemd.Path);

        notifier.BeginReload();
        Assert.True(notifier.Reloading);
        notifier.Notify(ServiceState.Stopping); // the host being replaced
        notifier.Notify(ServiceState.Ready);    // the new host
        Assert.False(notifier.Reloading);
        notifier.Notify(ServiceState.Stopping); // a real stop afterwards

        await systemd.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(5));
        var texts = systemd.Received.Select(r => r.Text).ToArray();
        Assert.Equal(3, texts.Length);
        Assert.Matches(@"^RELOADING=1\nMONOTONIC_USEC=\d+$", texts[0]);
        Assert.Equal(["READY=1", "STOPPING=1"], texts[1..]);
    }

    [Fact]
    public async Task Reaches_an_abstract_socket()
    {
        var name = "edgetwin-test-" + Guid.NewGuid().ToString("N");
        using var systemd = new FakeNotifySocket("\0" + name);
        var notifier = new WatchdogNotifier("@" + name);

        Assert.True(notifier.Send("WATCHDOG=1"));
        await systemd.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Is_silent_without_a_socket_and_when_nobody_listens()
    {
        Assert.False(new WatchdogNotifier(null).IsEnabled);
        Assert.False(new WatchdogNotifier(string.Empty).Send("READY=1"));

        using var dir = new TempDir();
        Assert.False(new WatchdogNotifier(dir.File("nobody")).Send("READY=1"));
    }
}
