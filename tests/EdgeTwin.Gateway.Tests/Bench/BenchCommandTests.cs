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
    public void Soak_growth_is_fitted_after_the_warm_up_and_skips_figures_that_could_not_be_read()
    {
        double[] minutes = [1, 2, 3, 4, 5, 6];
        // A warm-up that climbs steeply, then 1 MB per minute: 60 MB/h.
        double[] rss = [100, 150, 160, 161, 162, 163];
        Assert.Equal(60, SoakBenchmark.GrowthPerHour(minutes, rss, warmupMinutes: 3), 9);
        Assert.True(SoakBenchmark.GrowthPerHour(minutes, rss, warmupMinutes: 0) > 300);
        // Fewer than three samples after the warm-up: the second half.
        Assert.Equal(60, SoakBenchmark.GrowthPerHour(minutes, rss, warmupMinutes: 5.5), 9);
        Assert.Equal(0, SoakBenchmark.GrowthPerHour(minutes, [50, 50, double.NaN, 50, double.NaN, 50], warmupMinutes: 1), 9);
        Assert.Equal(TimeSpan.FromMinutes(10), SoakBenchmark.DefaultWarmup(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(3), SoakBenchmark.DefaultWarmup(TimeSpan.FromMinutes(12)));
    }

    [Fact]
    public void Proc_status_memory_is_split_into_anonymous_file_and_shared()
    {
        var memory = ProcMemory.Parse("Name:\tedgetwin\nVmRSS:\t  139212 kB\nRssAnon:\t   40260 kB\nRssFile:\t   76664 kB\nRssShmem:\t   22288 kB\n");
        Assert.Equal(new ProcMemory(40260 * 1024L, 76664 * 1024L, 22288 * 1024L), memory);
        var ex = Assert.Throws<FormatException>(() => ProcMemory.Parse("RssAnon:\t12 MB\n"));
        Assert.Contains("'RssAnon:\t12 MB' is not 'RssAnon: <number> kB'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no 'RssFile:' line", Assert.Throws<FormatException>(() => ProcMemory.Parse("RssAnon: 1 kB\n")).Message, StringComparison.Ordinal);
        var own = ProcMemory.Read(Environment.ProcessId);
        Assert.True(own.AnonBytes > 0 && own.FileBytes > 0, own.ToString());
    }

    [Fact]
    public void Metrics_text_is_read_by_sample_name_with_labels()
    {
        var metrics = GatewayUnderTest.ParseMetrics("# HELP x y\n# TYPE x gauge\ndotnet_gc_heap_size_bytes 1.5E+07\nedgetwin_storage_file_bytes{file=\"data\"} 8192\nbroken\n");
        Assert.Equal(2, metrics.Count);
        Assert.Equal(15_000_000, metrics["dotnet_gc_heap_size_bytes"]);
        Assert.Equal(8192, metrics["edgetwin_storage_file_bytes{file=\"data\"}"]);
    }

    [Fact]
    public void The_service_unit_sets_the_runtime_environment_the_benchmarks_measure()
    {
        var unit = File.ReadAllText(GatewayUnderTest.FindScript("packaging/edgetwin.service"));
        var set = unit.Split('\n').Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .SelectMany(l => l["Environment=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var (name, value) in EdgeTwin.Gateway.Hosting.RuntimeEnvironment.Variables)
        {
            Assert.Contains(name + "=" + value, set);
        }
    }

    [Fact]
    public void The_node_red_comparison_starts_edgetwin_with_the_runtime_environment_of_the_unit()
    {
        // The script starts the daemon itself (not through bench), so it spells the variables out.
        var script = File.ReadAllText(GatewayUnderTest.FindScript("tests/bench/nodered/run.sh"));
        var start = Assert.Single(script.Split('\n'), l => l.Contains("\"$edgetwin\" run --config", StringComparison.Ordinal));
        foreach (var (name, value) in EdgeTwin.Gateway.Hosting.RuntimeEnvironment.Variables)
        {
            Assert.Contains(name + "=" + value + " ", start);
        }
    }

    [Fact]
    public void Unknown_scenario_names_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => EndToEndBenchmark.Select("s9", 1, 1, "1s"));
        Assert.Contains("'s9' is not one of s1, s2, s3, max, all, custom", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("0ms", 0)]
    [InlineData("250ms", 250)]
    public void A_poll_offset_reaches_every_device_of_the_generated_configuration(string offset, int? milliseconds)
    {
        var scenario = Assert.Single(EndToEndBenchmark.WithPollOffset(EndToEndBenchmark.Select("custom", 3, 2, "1s"), offset));
        var config = EdgeTwin.Gateway.Configuration.ConfigLoader.Parse(GatewayUnderTest.Config(scenario, 5020, 1883, 8080, "/tmp/x"), "bench.yaml");

        Assert.Equal(3, config.Devices.Count);
        Assert.All(config.Devices, d => Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, d.PollOffset));
        Assert.Equal(offset != "auto", scenario.ToString().Contains($"pollOffset {offset}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_poll_offset_that_is_no_duration_is_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => EndToEndBenchmark.WithPollOffset(EndToEndBenchmark.Scenarios, "soon"));
        Assert.Equal("--poll-offset: 'soon' is neither auto nor a duration (e.g. 0ms)", ex.Message);
    }
}
