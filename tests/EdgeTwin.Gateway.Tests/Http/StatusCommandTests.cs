using EdgeTwin.Gateway.Cli;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary><c>edgetwin status</c> against a running gateway's API.</summary>
public sealed class StatusCommandTests : IClassFixture<OpenGateway>
{
    private readonly GatewayHttpFixture _gw;

    public StatusCommandTests(OpenGateway shared) => _gw = shared.Gateway;

    [Fact]
    public async Task Status_prints_devices_assets_alarms_and_backlog()
    {
        await _gw.WaitJsonAsync("api/alarms", r => r.GetProperty("alarms")[0].GetProperty("active").GetBoolean(), TimeSpan.FromSeconds(10), "overtemp raised");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await StatusCommand.RunAsync(_gw.BaseAddress, null, output, error);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error.ToString());
        var lines = output.ToString().Split('\n');
        Assert.StartsWith("gateway  http-gw at test-bench, version ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(", ready", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("uplink   none configured", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^backlog  \d+ messages, [\d.]+ (B|KiB|MiB), oldest [\d.]+ s old, dropped 0, last seq \d+$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DEVICE\s+STATE\s+PROTOCOL\s+POLLS\s+ERRORS\s+TIMEOUTS\s+LAST POLL\s+ERROR$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^plc1\s+online\s+modbus\s+\d+\s+\d+\s+\d+\s+[\d.]+ s ago$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^pump1\s+pump\s+synchronized\s+50\s+1\.00\s+no model\s+no model\s+1$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^motor2\s+motor\s+synchronized\s+100\s+1\.00\s+no model\s+no model\s+0$"));
        Assert.Contains("alarms   1 active, 1 unacknowledged, 2 configured", lines);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^pump1/overtemp\s+critical\s+temperature [\d.]+ \(high limit\)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+UNACKNOWLEDGED$"));
    }

    [Fact]
    public async Task Status_of_a_gateway_that_does_not_answer_exits_1_with_the_reason()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var exit = await StatusCommand.RunAsync(url, null, output, error);

        Assert.Equal(StatusCommand.UnreachableExit, exit);
        Assert.StartsWith($"edgetwin status: cannot reach {url}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }
}
