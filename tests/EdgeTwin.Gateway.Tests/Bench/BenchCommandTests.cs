using System.Text.Json;
using EdgeTwin.Gateway.Cli.Bench;
using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Bench;

/// <summary>Smoke tests of <c>edgetwin bench</c> with tiny sizes (no figures are asserted: benchmarks are not tests).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Tiny_e2e_run_prints_its_table_and_writes_json_with_the_figures()
    {
        using var dir = new TempDir();
        var json = dir.File("e2e.json");
        var (exit, output) = await GatewayProcess.RunToEndAsync("bench", "e2e", "--scenario", "custom", "--devices", "2", "--points", "5", "--poll", "200ms", "--seconds", "2", "--warmup", "1", "--json", json);

        Assert.True(exit == 0, output);
        Assert.Contains("== e2e custom: 2 devices × 5 points every 200 ms", output, StringComparison.Ordinal);
        Assert.Contains("points/s received (sustained)", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var section = doc.RootElement.GetProperty("sections")[0];
        Assert.Equal("e2e custom", section.GetProperty("name").GetString());
        var rows = section.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("measure").GetString()!, r => r.GetProperty("value").GetDouble());
        Assert.True(rows["points/s received (sustained)"] > 0, output);
        Assert.True(rows["gateway RSS (peak)"] > 1, output);
        Assert.True(rows["latency p50"] >= 0, output);
        Assert.True(doc.RootElement.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
    }

    [Fact]
    public async Task Tiny_outbox_run_prints_its_table_and_a_bad_size_fails_with_the_reason()
    {
        var (exit, output) = await GatewayProcess.RunToEndAsync("bench", "outbox", "--samples", "2000");
        Assert.True(exit == 0, output);
        Assert.Contains("commit throughput", output, StringComparison.Ordinal);

        (exit, output) = await GatewayProcess.RunToEndAsync("bench", "outbox", "--samples", "5");
        Assert.Equal(1, exit);
        Assert.Contains("bench outbox failed:", output, StringComparison.Ordinal);
        Assert.Contains("--samples must be at least 100", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000UL, 1250L, 250.0)]
    [InlineData(0xFFFF_FF00UL, 0x1_0000_0010L, 0x110)]
    public void Latency_is_taken_modulo_2_to_the_32(ulong value, long nowMs, double expected) =>
        Assert.Equal(expected, BenchSubscriber.LatencyMs(value, DateTimeOffset.FromUnixTimeMilliseconds(nowMs)));

    [Fact]
    public void Percentile_and_slope()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToList();
        Assert.Equal(50, EndToEndBenchmark.Percentile(sorted, 0.5));
        Assert.Equal(99, EndToEndBenchmark.Percentile(sorted, 0.99));
        Assert.True(double.IsNaN(EndToEndBenchmark.Percentile([], 0.5)));
        Assert.Equal(2, SoakBenchmark.Slope([0, 1, 2, 3], [1, 3, 5, 7]), 9);
        Assert.Equal(0, SoakBenchmark.Slope([1], [5]));
    }

    [Fact]
    public void Unknown_scenario_names_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => EndToEndBenchmark.Select("s9", 1, 1, "1s"));
        Assert.Contains("'s9' is not one of s1, s2, s3, max, all, custom", ex.Message, StringComparison.Ordinal);
    }
}
