using EdgeTwin.Gateway.Metrics;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>/metrics: the Prometheus text format, line by line, with the gateway's figures.</summary>
public sealed class MetricsTests : IClassFixture<OpenGateway>
{
    private readonly GatewayHttpFixture _gw;

    public MetricsTests(OpenGateway shared) => _gw = shared.Gateway;

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_device_outbox_uplink_twin_model_and_process_figures()
    {
        ModelMetrics.RecordInference("pump1", "anomaly", TimeSpan.FromMilliseconds(3));
        ModelMetrics.RecordInference("pump1", "anomaly", TimeSpan.FromMilliseconds(5));
        // The sample rate is measured over a window of batches: wait until it has seen some.
        (await _gw.WaitJsonAsync("api/status", r => r.GetProperty("samplesPerSecond").GetDouble() > 0, TimeSpan.FromSeconds(15), "a sample rate")).Dispose();

        // The heap size is the one after the last collection: make sure there was one.
        GC.Collect();
        var device = _gw.Service<EdgeTwin.Gateway.Pipeline.GatewayRuntime>().Sources[0].Status;
        var (pollsBefore, errorsBefore, timeoutsBefore) = (device.Polls, device.Errors, device.Timeouts);
        using var response = await _gw.Client.GetAsync("metrics");
        var (pollsAfter, errorsAfter, timeoutsAfter) = (device.Polls, device.Errors, device.Timeouts);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        var text = await response.Content.ReadAsStringAsync();
        var families = PrometheusText.Parse(text);

        double One(string name, params (string Label, string Value)[] labels)
        {
            Assert.True(families.TryGetValue(name, out var family), $"{name} is missing from /metrics");
            return family.Samples.Single(s => labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Value;
        }

        void Above(string name, double min, (string Label, string Value)? label = null, bool orEqual = false)
        {
            var value = label is { } l ? One(name, l) : One(name);
            Assert.True(orEqual ? value >= min : value > min, $"{name} is {value}, expected {(orEqual ? ">=" : ">")} {min}\n{text}");
        }

        Assert.Equal("counter", families["edgetwin_device_polls_total"].Type);
        // The counters are the device loop's own, read during the scrape.
        Assert.InRange(One("edgetwin_device_polls_total", ("device", "plc1")), Math.Max(1, pollsBefore), pollsAfter);
        Assert.InRange(One("edgetwin_device_errors_total", ("device", "plc1")), errorsBefore, errorsAfter);
        Assert.InRange(One("edgetwin_device_timeouts_total", ("device", "plc1")), timeoutsBefore, timeoutsAfter);
        Above("edgetwin_device_samples_total", 0, ("device", "plc1"));
        Assert.Equal(1, One("edgetwin_device_up", ("device", "plc1")));
        Assert.Equal(1, One("edgetwin_device_state", ("device", "plc1"), ("state", "online")));
        Assert.Equal(0, One("edgetwin_device_state", ("device", "plc1"), ("state", "offline")));
        Assert.InRange(One("edgetwin_device_last_poll_age_seconds", ("device", "plc1")), 0, 5);
        Above("edgetwin_samples_per_second", 0);
        Assert.Equal("gauge", families["edgetwin_outbox_messages"].Type);
        Above("edgetwin_outbox_messages", 0);
        Above("edgetwin_outbox_bytes", 0);
        Above("edgetwin_outbox_oldest_age_seconds", 0, orEqual: true);
        Assert.Equal(0, One("edgetwin_outbox_dropped_total"));
        Above("edgetwin_outbox_last_seq", 0);
        Above("edgetwin_samples_committed_total", 0, orEqual: true);
        Above("dotnet_gc_allocated_bytes_total", 0);
        Above("dotnet_gc_heap_size_bytes", 0);
        Assert.True(One("dotnet_gc_committed_bytes") >= One("dotnet_gc_heap_size_bytes") / 2, text);
        Above("edgetwin_storage_file_bytes", 0, ("file", "data"));
        Above("edgetwin_storage_file_bytes", 0, ("file", "log"), orEqual: true);
        Above("edgetwin_history_collections", 0, orEqual: true);
        Above("edgetwin_history_open_bytes", 0);
        Assert.Equal(0, One("edgetwin_history_buckets_refused_total"));
        // LiteDB's page cache: at least its first segment, and never more free than allocated.
        Above("edgetwin_storage_cache_bytes", 8192);
        Assert.InRange(One("edgetwin_storage_cache_free_bytes"), 0, One("edgetwin_storage_cache_bytes"));
        Assert.Equal(0, One("edgetwin_mqtt_connected"));
        Assert.True(families.ContainsKey("edgetwin_mqtt_publish_latency_seconds"));
        Assert.Equal(50, One("edgetwin_asset_health", ("asset", "pump1")));
        Assert.Equal(1, One("edgetwin_alarm_active", ("asset", "pump1"), ("alarm", "overtemp"), ("severity", "critical")));
        Assert.Equal(1, One("edgetwin_info", ("gateway", "http-gw"), ("site", "test-bench")));

        var inference = families["edgetwin_model_inference_seconds"];
        Assert.Equal("histogram", inference.Type);
        var count = inference.Samples.Single(s => s.Name == "edgetwin_model_inference_seconds_count" && s.Labels["asset"] == "pump1" && s.Labels["model"] == "anomaly").Value;
        Assert.True(count >= 2, $"inference count of pump1/anomaly is {count}, expected at least the 2 recorded");

        // Figures published by the Modbus client's System.Diagnostics.Metrics meter.
        Assert.Contains(families.Keys, k => k.StartsWith("edgetwin_modbus_", StringComparison.Ordinal) && k.Contains("requests", StringComparison.Ordinal));

        Above("process_cpu_seconds_total", 0);
        Above("process_working_set_bytes", 1024 * 1024);
        Assert.True(families.ContainsKey("dotnet_total_memory_bytes"));
    }

    [Fact]
    public void The_format_check_rejects_what_prometheus_would_reject()
    {
        var good = "# HELP a_total Things.\n# TYPE a_total counter\na_total{x=\"1\"} 3\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\n";
        Assert.Equal(2, PrometheusText.Parse(good).Count);

        foreach (var bad in new[]
        {
            "a b\n",                                     // value is not a number
            "a{x=1} 1\n",                                // unquoted label value
            "a{x=\"\\q\"} 1\n",                          // bad escape
            "1a 1\n",                                    // bad metric name
            "# TYPE a counter\na -1\n",                  // negative counter
            "# TYPE a gauge\n# TYPE a gauge\na 1\n",     // second TYPE
            "a 1\nb 1\na{x=\"2\"} 2\n",                  // family split
            "a 1\na 2\n",                                // sample repeats
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", // not cumulative
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",                            // no +Inf
            "a 1",                                       // no final line feed
            "a 1 12.5\n",                                // timestamp not an integer
        })
        {
            Assert.Throws<FormatException>(() => PrometheusText.Parse(bad));
        }
    }
}
