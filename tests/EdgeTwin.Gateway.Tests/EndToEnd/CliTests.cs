using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

public sealed class CliTests
{
    [Fact]
    public async Task Check_config_prints_every_error_with_position_and_exits_2()
    {
        using var dir = new TempDir();
        var file = dir.File("bad.yaml");
        await File.WriteAllTextAsync(file, """
            gateway:
              id: gw
            devices:
              - id: plc1
                modbus: { host: 127.0.0.1 }
                poll: soon
                points:
                  - { id: a, table: holding, address: 0, type: float128 }
            assets:
              - id: pump
                properties:
                  p: plc1/missing
            """);

        var (exit, output) = await GatewayProcess.RunToEndAsync("check-config", file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:6:11: devices[0].poll: 'soon' is not a duration", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:52: devices[0].points[0].type: 'float128' is not a type", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:12:10: assets[0].properties.p: names point 'plc1/missing', which does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_accepts_a_valid_file_and_run_refuses_a_bad_one()
    {
        using var dir = new TempDir();
        var good = dir.File("good.yaml");
        await File.WriteAllTextAsync(good, Configuration.ConfigLoaderTests.IssueExample);
        var (exit, output) = await GatewayProcess.RunToEndAsync("check-config", good);
        Assert.Equal(0, exit);
        Assert.Contains("OK (1 devices, 3 points, 1 assets)", output, StringComparison.Ordinal);

        var bad = dir.File("bad.yaml");
        await File.WriteAllTextAsync(bad, "gateway:\n  id: gw\n  colour: blue\n");
        (exit, output) = await GatewayProcess.RunToEndAsync("run", "--config", bad);
        Assert.Equal(2, exit);
        Assert.Contains($"{bad}:3:3: gateway.colour: unknown key", output, StringComparison.Ordinal);
    }
}
