using System.Diagnostics;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Acquisition.Tests.OpcUa;

/// <summary>Runs its own server: it kills and restarts it.</summary>
public sealed class OpcUaRestartTests
{
    [Fact]
    public async Task Points_go_bad_when_the_server_dies_and_recover_within_10_s_of_its_restart()
    {
        await using var peer = await OpcUaPeer.StartAsync();
        await using var harness = new OpcUaHarness(
            peer.EndpointUrl,
            OpcUaHarness.Subscribed("level", "ns=1;s=Plant.Level"),
            OpcUaHarness.Polled("item3", "ns=1;s=Plant.Many.Item3")).Start();
        var level = harness.Point("level").Index;
        var item = harness.Point("item3").Index;
        await harness.Sink.WaitForAsync(b => b.Has(level) && b.Of(level).Quality == Quality.Good);
        await harness.Sink.WaitForAsync(b => b.Has(item) && b.Of(item).Quality == Quality.Good);

        await peer.KillAsync();
        var lost = await harness.Sink.WaitForAsync(b => b.Has(level) && b.Has(item) && b.Of(level).Quality == Quality.Bad, TimeSpan.FromSeconds(20));
        Assert.Equal(Quality.Bad, lost.Of(item).Quality);
        Assert.False(string.IsNullOrEmpty(lost.Of(level).Text), "a Bad sample carries the reason");
        Assert.Equal(DeviceState.Offline, harness.Source.Status.State);

        await peer.RestartAsync();
        var restarted = Stopwatch.StartNew();
        await harness.Sink.WaitForAsync(b => b.Has(level) && b.Of(level).Quality == Quality.Good, TimeSpan.FromSeconds(10));
        await harness.Sink.WaitForAsync(b => b.Has(item) && b.Of(item).Quality == Quality.Good && b.Of(item).Value == 3, TimeSpan.FromSeconds(10) - restarted.Elapsed);
        Assert.True(harness.Source.Status.Reconnects >= 1);
    }
}
