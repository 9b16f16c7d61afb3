using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    /// <summary>The example of the spine issue, exactly as written there.</summary>
    internal const string IssueExample = """
        gateway:
          id: demo-gw
          site: plant-a
        storage:
          path: ./data/edgetwin.db
          maxSizeMb: 256
        mqtt:
          url: mqtt://127.0.0.1:1883
          topicRoot: edgetwin/v1
        devices:
          - id: plc1
            modbus: { host: 127.0.0.1, port: 5020, unit: 1 }
            poll: 500ms
            points:
              - { id: pump1_pressure, table: holding, address: 0, type: float32, order: ABCD, unit: bar }
              - { id: pump1_current, table: input, address: 10, type: uint16, scale: 0.01, unit: A }
              - { id: pump1_running, table: coil, address: 0, type: bool }
        assets:
          - id: pump1
            type: pump
            properties:
              pressure: plc1/pump1_pressure
              current: plc1/pump1_current
              running: plc1/pump1_running
        """;

    private static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "gw.yaml"));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void The_issue_example_is_accepted_with_every_value()
    {
        var config = ConfigLoader.Parse(IssueExample, "gw.yaml");

        Assert.Equal("demo-gw", config.Gateway.Id);
        Assert.Equal("plant-a", config.Gateway.Site);
        Assert.Equal("./data/edgetwin.db", config.Storage.Path);
        Assert.Equal(256, config.Storage.MaxSizeMb);
        Assert.Equal(new Uri("mqtt://127.0.0.1:1883"), config.Mqtt!.Url);
        Assert.Equal("edgetwin/v1", config.Mqtt.TopicRoot);
        var plc = Assert.Single(config.Devices);
        Assert.Equal("plc1", plc.Id);
        Assert.Equal(TimeSpan.FromMilliseconds(500), plc.Poll);
        Assert.Equal("127.0.0.1", plc.Modbus!.Host);
        Assert.Equal(5020, plc.Modbus.Port);
        Assert.Equal(1, plc.Modbus.Unit);
        Assert.Equal(3, plc.Points.Count);
        Assert.Equal(new ModbusPointConfig(ModbusTable.Holding, 0, WordOrder.ABCD), plc.Points[0].Modbus);
        Assert.Equal(PointType.Float32, plc.Points[0].Type);
        Assert.Equal("bar", plc.Points[0].Unit);
        Assert.Equal(0.01, plc.Points[1].Scale);
        Assert.Equal(ModbusTable.Input, plc.Points[1].Modbus!.Table);
        Assert.Equal(10, plc.Points[1].Modbus!.Address);
        Assert.Equal(PointType.Bool, plc.Points[2].Type);
        var pump = Assert.Single(config.Assets);
        Assert.Equal("pump", pump.Type);
        Assert.Equal("plc1/pump1_current", pump.Properties["current"]);
    }

    [Fact]
    public void The_demo_configuration_is_valid_with_its_built_in_models()
    {
        using var dir = new TempDir();
        var models = Cli.DemoCommand.ExtractModels(dir.File("models"));
        var config = ConfigLoader.Parse(Cli.DemoCommand.BuiltInConfig(models), "demo.yaml");
        Assert.Equal("demo-gw", config.Gateway.Id);
        Assert.True(config.Devices[0].Points.Count >= 5);
        Assert.Equal(2, config.Assets[0].Alarms.Count);
        var failure = config.Assets[0].Failure!;
        Assert.Equal(Path.Combine(models, "rul-pump.onnx"), failure.Model);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "models", "rul-pump.onnx")), File.ReadAllBytes(failure.Model));
        Assert.True(File.Exists(Path.Combine(models, "rul-pump.json")));
    }

    [Fact]
    public void An_unknown_key_is_reported_with_file_line_column_and_key()
    {
        var yaml = IssueExample.Replace("  maxSizeMb: 256", "  maxSizeMb: 256\n  maxSizeGb: 1", StringComparison.Ordinal);
        Assert.Equal(["gw.yaml:7:3: storage.maxSizeGb: unknown key"], Errors(yaml));
    }

    [Fact]
    public void A_wrong_type_is_reported_at_the_value()
    {
        var yaml = IssueExample.Replace("maxSizeMb: 256", "maxSizeMb: lots", StringComparison.Ordinal);
        Assert.Equal(["gw.yaml:6:14: storage.maxSizeMb: expected an integer, got 'lots'"], Errors(yaml));
    }

    [Fact]
    public void A_duplicate_point_id_is_an_error()
    {
        var yaml = IssueExample.Replace("{ id: pump1_current,", "{ id: pump1_pressure,", StringComparison.Ordinal);
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.StartsWith("gw.yaml:16:", StringComparison.Ordinal) && e.Contains("devices[0].points[1].id: duplicate point id 'pump1_pressure'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dangling_asset_reference_names_the_missing_point()
    {
        var yaml = IssueExample.Replace("current: plc1/pump1_current", "current: plc1/pump1_amps", StringComparison.Ordinal);
        Assert.Equal(["gw.yaml:23:16: assets[0].properties.current: names point 'plc1/pump1_amps', which does not exist (expected device/point)"], Errors(yaml));
    }

    [Fact]
    public void Bad_durations_addresses_and_orders_are_all_reported_at_once()
    {
        var yaml = IssueExample
            .Replace("poll: 500ms", "poll: fast", StringComparison.Ordinal)
            .Replace("address: 0, type: float32, order: ABCD", "address: 70000, type: float32, order: ABDC", StringComparison.Ordinal);
        var errors = Errors(yaml);
        Assert.Contains("gw.yaml:13:11: devices[0].poll: 'fast' is not a duration: expected e.g. 500ms, 2s, 5m, 2h, 1d", errors);
        Assert.Contains(errors, e => e.Contains("devices[0].points[0].address: 70000 is out of range 0..65535", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("devices[0].points[0].order: 'ABDC' is not one of ABCD, CDAB, BADC, DCBA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("pollOffset: auto", null)]
    [InlineData("pollOffset: 0ms", 0)]
    [InlineData("pollOffset: 250ms", 250)]
    public void A_poll_offset_is_auto_or_a_duration_into_the_interval(string line, int? milliseconds)
    {
        var config = ConfigLoader.Parse(IssueExample.Replace("poll: 500ms", "poll: 500ms\n    " + line, StringComparison.Ordinal), "gw.yaml");
        Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, config.Devices[0].PollOffset);
    }

    [Theory]
    [InlineData("pollOffset: soon", "gw.yaml:14:17: devices[0].pollOffset: 'soon' is neither auto nor a duration (e.g. 0ms to poll in step with other devices, 250ms)")]
    [InlineData("pollOffset: 500ms", "gw.yaml:14:17: devices[0].pollOffset: 500ms is not shorter than the poll interval 500ms")]
    public void A_poll_offset_that_is_no_duration_or_not_within_the_interval_is_an_error(string line, string error)
    {
        Assert.Equal([error], Errors(IssueExample.Replace("poll: 500ms", "poll: 500ms\n    " + line, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_duplicate_device_id_and_a_bad_broker_url_are_errors()
    {
        var yaml = IssueExample.Replace("url: mqtt://127.0.0.1:1883", "url: http://127.0.0.1", StringComparison.Ordinal)
            + "\n  - id: plc1\n    modbus: { host: 127.0.0.1 }\n";
        yaml = yaml.Replace("assets:", "assets_:", StringComparison.Ordinal);
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Contains("mqtt.url: 'http://127.0.0.1' is not a broker URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("assets_: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Register_tables_need_a_bit_for_bool_and_coils_must_be_bool()
    {
        var yaml = IssueExample.Replace("table: coil, address: 0, type: bool", "table: holding, address: 5, type: bool", StringComparison.Ordinal)
            .Replace("table: input, address: 10, type: uint16", "table: discrete, address: 10, type: uint16", StringComparison.Ordinal);
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Contains("devices[0].points[2].type: a bool point in a register table needs bit: 0..15", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("devices[0].points[1].type: discrete points are bool, not uint16", StringComparison.Ordinal));
    }

    [Fact]
    public void A_modbus_pipeline_is_read_and_refused_out_of_range_or_without_tcp_framing()
    {
        var config = ConfigLoader.Parse(IssueExample.Replace("unit: 1 }", "unit: 1, pipeline: 8 }", StringComparison.Ordinal), "gw.yaml");
        Assert.Equal(8, config.Devices[0].Modbus!.Pipeline);
        Assert.Equal(1, ConfigLoader.Parse(IssueExample, "gw.yaml").Devices[0].Modbus!.Pipeline);

        Assert.Contains(Errors(IssueExample.Replace("unit: 1 }", "unit: 1, pipeline: 65 }", StringComparison.Ordinal)), e => e.Contains("devices[0].modbus.pipeline: 65 is out of range 1..64", StringComparison.Ordinal));
        Assert.Contains(
            Errors(IssueExample.Replace("unit: 1 }", "unit: 1, framing: rtu-over-tcp, pipeline: 2 }", StringComparison.Ordinal)),
            e => e.Contains("devices[0].modbus.pipeline: needs Modbus TCP framing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_position()
    {
        var errors = Errors("gateway:\n  id: [unclosed\n");
        var error = Assert.Single(errors);
        Assert.StartsWith("gw.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("(syntax)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_file_is_refused()
    {
        var yaml = IssueExample.Replace("topicRoot: edgetwin/v1", "topicRoot: edgetwin/v1\n  username: gw\n  password: secret", StringComparison.Ordinal);
        Assert.Contains(Errors(yaml), e => e.Contains("mqtt.password: passwords are never written in the configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void The_http_token_file_must_exist_be_readable_and_hold_a_long_enough_token()
    {
        using var dir = new TempDir();
        string Http(string file) => IssueExample + $"\nhttp:\n  listen: 0.0.0.0:8080\n  tokenFile: {file}\n";
        // The tokenFile value sits on line 27 of the example with its http section appended, at column 14.
        const string At = "gw.yaml:27:14: http.tokenFile: ";

        var good = dir.File("token");
        File.WriteAllText(good, "  secret-token-0123456789  \n");
        Assert.Equal(good, ConfigLoader.Parse(Http(good), "gw.yaml").Http.TokenFile);

        var missing = dir.File("no-token");
        Assert.Equal([$"{At}file '{missing}' does not exist"], Errors(Http(missing)));
        Assert.Equal([$"{At}'{dir.Path}' is a directory, not a file"], Errors(Http(dir.Path)));

        var shortToken = dir.File("short");
        File.WriteAllText(shortToken, "abc\n");
        Assert.Equal([$"{At}the token in '{shortToken}' has 3 characters; at least 16 are required"], Errors(Http(shortToken)));

        var unreadable = UnreadableFile(dir);
        var error = Assert.Single(Errors(Http(unreadable)));
        Assert.StartsWith($"{At}file '{unreadable}' cannot be read: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Referenced_files_that_cannot_be_read_are_errors_at_load()
    {
        using var dir = new TempDir();
        var unreadable = UnreadableFile(dir);
        var yaml = IssueExample.Replace("url: mqtt://127.0.0.1:1883", $"url: mqtts://127.0.0.1:8883\n  tls: {{ ca: {unreadable} }}", StringComparison.Ordinal);
        var error = Assert.Single(Errors(yaml));
        Assert.StartsWith($"gw.yaml:9:14: mqtt.tls.ca: file '{unreadable}' cannot be read: ", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file this process cannot open: mode 000, or for root (who reads any mode) a write-only kernel setting,
    /// which even root may not read.
    /// </summary>
    private static string UnreadableFile(TempDir dir)
    {
        var file = dir.File("unreadable");
        File.WriteAllText(file, "secret-token-0123456789");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.None);
        }

        foreach (var candidate in new[] { file, "/proc/sys/vm/compact_memory" })
        {
            try
            {
                File.OpenRead(candidate).Dispose();
            }
            catch (UnauthorizedAccessException)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("found no file this process cannot read");
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("0.5s", 500)]
    public void Durations_parse(string text, double ms)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(ms, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 parsecs")]
    [InlineData("s")]
    [InlineData("-1s")]
    public void Non_durations_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));
}
