using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeTwin.Gateway.Demo;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>/readyz while the gateway starts, and as the uplink comes and goes; changes allowed from loopback without a token.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_with_the_reason_until_every_device_delivered_a_first_poll()
    {
        // A device that accepts connections and never answers: its first cycle ends only with the 4 s timeout. The
        // HTTP server starts first and says why the gateway is not ready yet.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });
        await using var gw = await GatewayHttpFixture.StartAsync(devicePort: ((IPEndPoint)silent.LocalEndpoint).Port, start: false, deviceTimeout: "4s", retries: 0);
        var starting = gw.Host.StartAsync();
        await FreePort.WaitListeningAsync(gw.BaseAddress.Port, TimeSpan.FromSeconds(10));

        using (var response = await gw.Client.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(doc.RootElement.GetProperty("ready").GetBoolean());
            Assert.Equal(["firstPoll: waiting for the first poll cycle of every device"], doc.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }

        using (var health = await gw.Client.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var devices = await gw.GetJsonAsync("api/devices"))
        {
            Assert.Equal("connecting", devices.RootElement.GetProperty("devices")[0].GetProperty("state").GetString());
        }

        // The cycle ends (in failure: the device is offline, which /api/devices shows), and the gateway is ready.
        using var ready = await gw.WaitJsonAsync("readyz", r => r.GetProperty("ready").GetBoolean(), TimeSpan.FromSeconds(15), "ready after the first cycle");
        using var after = await gw.GetJsonAsync("api/devices");
        Assert.NotEqual("online", after.RootElement.GetProperty("devices")[0].GetProperty("state").GetString());
        await starting;
        silent.Stop();
        await accepting;
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Readyz_follows_the_uplink_and_metrics_show_it()
    {
        var mqttPort = FreePort.Next();
        var broker = await EmbeddedBroker.StartAsync(mqttPort);
        await using var gw = await GatewayHttpFixture.StartAsync(mqttPort: mqttPort);
        try
        {
            using (var ready = await gw.WaitJsonAsync("readyz", r => r.GetProperty("ready").GetBoolean(), TimeSpan.FromSeconds(20), "ready with the broker"))
            {
                Assert.Equal($"connected to mqtt://127.0.0.1:{mqttPort}/", ready.RootElement.GetProperty("checks").GetProperty("uplink").GetProperty("detail").GetString());
            }

            using (var status = await gw.WaitJsonAsync("api/status",
                r => r.GetProperty("uplink").GetProperty("ackedSeq").GetInt64() > 0, TimeSpan.FromSeconds(10), "acknowledged messages"))
            {
                var uplink = status.RootElement.GetProperty("uplink");
                Assert.True(uplink.GetProperty("configured").GetBoolean());
                Assert.True(uplink.GetProperty("connected").GetBoolean());
                Assert.True(uplink.GetProperty("published").GetInt64() > 0);
                Assert.True(uplink.GetProperty("latencyMs").GetDouble() >= 0);
            }

            var metrics = PrometheusText.Parse(await gw.Client.GetStringAsync("metrics"));
            Assert.Equal(1, metrics["edgetwin_mqtt_connected"].Samples.Single().Value);
            Assert.True(metrics["edgetwin_mqtt_published_total"].Samples.Single().Value > 0);

            await broker.DisposeAsync();
            using var down = await gw.WaitJsonAsync("api/status", r => !r.GetProperty("ready").GetBoolean(), TimeSpan.FromSeconds(20), "not ready without the broker");
            using var response = await gw.Client.GetAsync("readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var reason = Assert.Single(doc.RootElement.GetProperty("reasons").EnumerateArray()).GetString();
            Assert.StartsWith($"uplink: not connected to mqtt://127.0.0.1:{mqttPort}/", reason, StringComparison.Ordinal);
            metrics = PrometheusText.Parse(await gw.Client.GetStringAsync("metrics"));
            Assert.Equal(0, metrics["edgetwin_mqtt_connected"].Samples.Single().Value);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_token_loopback_clients_may_acknowledge()
    {
        await using var gw = await GatewayHttpFixture.StartAsync();
        await gw.WaitJsonAsync("api/alarms", r => r.GetProperty("alarms")[0].GetProperty("active").GetBoolean(), TimeSpan.FromSeconds(20), "overtemp raised");

        var (status, body) = await gw.PostJsonAsync("api/alarms/pump1/overtemp/ack", "{}");
        Assert.Equal(200, status);
        Assert.StartsWith("http 127.0.0.1", body.RootElement.GetProperty("by").GetString(), StringComparison.Ordinal);

        // What-if is not there yet for a gateway that has just started: a clear 422, not a failure.
        (status, body) = await gw.PostJsonAsync("api/assets/pump1/simulate", "{}");
        Assert.True(status is 422 or 200, body.RootElement.ToString());
        if (status == 422)
        {
            Assert.Contains("no identified dynamics yet", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        gw.AssertNoErrors();
    }

    [Fact]
    public async Task A_taken_http_port_is_logged_and_the_gateway_runs_on_without_http()
    {
        await using var gw = await GatewayHttpFixture.StartAsync(start: false);
        using var squatter = new TcpListener(IPAddress.Loopback, gw.BaseAddress.Port);
        squatter.Start();
        await gw.Host.StartAsync();

        var error = Assert.Single(gw.Errors, e => e.Contains("HttpServerService", StringComparison.Ordinal));
        Assert.True(gw.Errors.Count == 1, string.Join("\n", gw.Errors));
        Assert.Contains($"HTTP server cannot listen on 127.0.0.1:{gw.BaseAddress.Port} (Failed to bind to address http://127.0.0.1:{gw.BaseAddress.Port}: address already in use)", error, StringComparison.Ordinal);
        Assert.Contains("runs on without its page, API and metrics", error, StringComparison.Ordinal);
        var runtime = gw.Service<EdgeTwin.Gateway.Pipeline.GatewayRuntime>();
        await runtime.FirstCycle.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(runtime.Sources[0].Status.Polls > 0);
    }
}
