using EdgeTwin.Acquisition.OpcUa;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Acquisition.Tests.OpcUa;

/// <summary>The OPC UA device source against a real node-opcua server on loopback.</summary>
public sealed class OpcUaDeviceSourceTests : IClassFixture<OpcUaPeerFixture>
{
    private readonly OpcUaPeerFixture _fixture;

    public OpcUaDeviceSourceTests(OpcUaPeerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_subscribed_point_delivers_every_change_in_engineering_units_with_good_quality()
    {
        // Plant.Level counts 0..99 every 100 ms; scale 2 and offset 1 make every engineering value odd.
        await using var harness = new OpcUaHarness(_fixture.Peer.EndpointUrl, OpcUaHarness.Subscribed("level", "ns=1;s=Plant.Level", scale: 2, offset: 1)).Start();
        var level = harness.Point("level").Index;

        // A notification may carry more than one queued change of the item (a busy machine): every one counts.
        var values = new List<double>();
        while (values.Count < 10)
        {
            var batch = await harness.Sink.WaitForAsync(b => b.All(level).Any(s => s.Quality == Quality.Good));
            values.AddRange(batch.All(level).Where(s => s.Quality == Quality.Good).Select(s => s.Value));
        }

        Assert.All(values, v => Assert.True(v is >= 1 and <= 199 && v % 2 == 1, $"{v} is not 2 * level + 1"));
        Assert.True(values.Distinct().Count() >= 5, "the subscription should deliver changing values: " + string.Join(", ", values));
        Assert.Equal(DeviceState.Online, harness.Source.Status.State);
    }

    [Fact]
    public async Task A_polled_point_is_read_each_interval_and_booleans_are_0_or_1()
    {
        await using var harness = new OpcUaHarness(
            _fixture.Peer.EndpointUrl,
            OpcUaHarness.Polled("item7", "ns=1;s=Plant.Many.Item7", scale: 10),
            OpcUaHarness.Polled("running", "ns=1;s=Plant.Running")).Start();
        var item = harness.Point("item7").Index;
        var running = harness.Point("running").Index;

        var reads = 0;
        while (reads < 3)
        {
            var batch = await harness.Sink.WaitForAsync(b => b.Has(item) && b.Has(running));
            Assert.Equal(new Sample(item, batch.Of(item).Timestamp, 70, Quality.Good), batch.Of(item));
            Assert.Contains(batch.Of(running).Value, new[] { 0.0, 1.0 });
            reads++;
        }
    }

    [Fact]
    public async Task An_unknown_node_gives_bad_quality_with_the_status_name_while_other_points_stay_good()
    {
        await using var harness = new OpcUaHarness(
            _fixture.Peer.EndpointUrl,
            OpcUaHarness.Subscribed("ghost", "ns=1;s=Plant.DoesNotExist"),
            OpcUaHarness.Polled("ghost-polled", "ns=1;s=Plant.AlsoMissing"),
            OpcUaHarness.Subscribed("temperature", "ns=1;s=Plant.Temperature")).Start();
        var ghost = harness.Point("ghost").Index;
        var polled = harness.Point("ghost-polled").Index;
        var temperature = harness.Point("temperature").Index;

        var bad = await harness.Sink.WaitForAsync(b => b.Has(ghost));
        Assert.Equal(Quality.Bad, bad.Of(ghost).Quality);
        Assert.Equal("BadNodeIdUnknown", bad.Of(ghost).Text);
        var badPoll = await harness.Sink.WaitForAsync(b => b.Has(polled));
        Assert.Equal(Quality.Bad, badPoll.Of(polled).Quality);
        Assert.Equal("BadNodeIdUnknown", badPoll.Of(polled).Text);
        var good = await harness.Sink.WaitForAsync(b => b.Has(temperature) && b.Of(temperature).Quality == Quality.Good);
        Assert.InRange(good.Of(temperature).Value, 15, 25);
        Assert.Equal(DeviceState.Degraded, harness.Source.Status.State);
    }

    [Fact]
    public async Task A_write_in_engineering_units_reaches_the_node_and_reads_back()
    {
        // Setpoint is a Double node; the point's scale 0.5 means engineering 40 is raw 80.
        await using var harness = new OpcUaHarness(_fixture.Peer.EndpointUrl, OpcUaHarness.Polled("setpoint", "ns=1;s=Plant.Setpoint", scale: 0.5)).Start();
        var setpoint = harness.Point("setpoint");
        await harness.Sink.WaitForAsync(b => b.Has(setpoint.Index) && b.Of(setpoint.Index).Quality == Quality.Good);

        await harness.Source.WriteAsync(setpoint, 40);

        var after = await harness.Sink.WaitForAsync(b => b.Has(setpoint.Index) && b.Of(setpoint.Index).Value == 40);
        Assert.Equal(Quality.Good, after.Of(setpoint.Index).Quality);
    }

    [Fact]
    public async Task A_write_to_an_unknown_node_names_the_point_and_the_status()
    {
        await using var harness = new OpcUaHarness(
            _fixture.Peer.EndpointUrl,
            OpcUaHarness.Polled("setpoint", "ns=1;s=Plant.Setpoint"),
            OpcUaHarness.Polled("ghost", "ns=1;s=Plant.DoesNotExist")).Start();
        var setpoint = harness.Point("setpoint").Index;
        await harness.Sink.WaitForAsync(b => b.Has(setpoint) && b.Of(setpoint).Quality == Quality.Good);

        var error = await Assert.ThrowsAsync<OpcUaWriteException>(() => harness.Source.WriteAsync(harness.Point("ghost"), 1));

        Assert.Contains("plc/ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains("BadNodeIdUnknown", error.Message, StringComparison.Ordinal);
    }
}
