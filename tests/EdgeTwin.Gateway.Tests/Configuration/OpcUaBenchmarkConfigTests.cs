using EdgeTwin.Gateway.Cli;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Tests.Configuration;

public sealed class OpcUaBenchmarkConfigTests
{
    [Fact]
    public void Generated_configuration_loads_with_every_item_subscribed_at_sampling_zero_and_no_uplink()
    {
        var options = new OpcUaBenchmarkOptions { Items = 25, Interval = TimeSpan.FromMilliseconds(250) };
        var yaml = OpcUaBenchmark.GatewayConfig(options, "opc.tcp://127.0.0.1:4999/UA/Bench", 18080, "/tmp/bench/edgetwin.db");

        var config = ConfigLoader.Parse(yaml, "bench.yaml");

        Assert.Null(config.Mqtt);
        var device = Assert.Single(config.Devices);
        Assert.Equal("opc.tcp://127.0.0.1:4999/UA/Bench", device.OpcUa!.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(250), device.OpcUa.PublishingInterval);
        Assert.Equal(25, device.Points.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"ns=1;s=Bench.{i}"), device.Points.Select(p => p.OpcUa!.NodeId));
        Assert.All(device.Points, p => Assert.Equal(TimeSpan.Zero, p.OpcUa!.SamplingInterval));
        Assert.Equal(10, Assert.Single(config.Assets).Properties.Count);
    }

    [Theory]
    [InlineData(0, 30, 10, null, "--items")]
    [InlineData(10, 0, 10, null, "--seconds")]
    [InlineData(10, 30, -1, null, "--warmup")]
    [InlineData(10, 30, 10, "http://x", "--endpoint")]
    [InlineData(10, 30, 10, null, "--server", "open62541")]
    [InlineData(10, 30, 10, null, "--max-per-publish", OpcUaBenchmarkOptions.Ours, -1)]
    [InlineData(10, 30, 10, null, "--max-per-publish", OpcUaBenchmarkOptions.NodeOpcUa, 1000)]
    [InlineData(10, 30, 10, "opc.tcp://127.0.0.1:4840", "--max-per-publish", OpcUaBenchmarkOptions.Ours, 1000)]
    public void Bad_options_are_named(int items, int seconds, int warmup, string? endpoint, string named, string server = OpcUaBenchmarkOptions.NodeOpcUa, int maxPerPublish = 0)
    {
        var error = new OpcUaBenchmarkOptions { Items = items, Seconds = seconds, WarmupSeconds = warmup, Endpoint = endpoint, Server = server, MaxPerPublish = maxPerPublish }.Validate();
        Assert.NotNull(error);
        Assert.StartsWith(named, error, StringComparison.Ordinal);
    }
}
