using System.Net;
using System.Text;
using System.Text.Json;
using EdgeTwin.Gateway.Pipeline;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>
/// The write side with an access token configured: acknowledging alarms and asking what-if questions over real HTTP,
/// and every way a request is refused.
/// </summary>
public sealed class ApiActionTests : IClassFixture<TokenGateway>
{
    private const string Ack = "api/alarms/pump1/overtemp/ack";
    private readonly GatewayHttpFixture _gw;

    public ApiActionTests(TokenGateway shared) => _gw = shared.Gateway;

    [Fact]
    public async Task Acknowledge_needs_the_token_and_then_acknowledges_the_alarm_and_audits_it()
    {
        await WaitActiveAsync();

        var (status, body) = await _gw.PostJsonAsync(Ack, "{}");
        Assert.Equal(401, status);
        Assert.StartsWith("this needs the access token", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        (status, body) = await _gw.PostJsonAsync(Ack, "{}", token: "wrong-token-0123456789");
        Assert.Equal(401, status);
        Assert.Equal("the access token is wrong", body.RootElement.GetProperty("error").GetString());

        using (var still = await _gw.GetJsonAsync("api/alarms"))
        {
            Assert.False(still.RootElement.GetProperty("alarms")[0].GetProperty("acknowledged").GetBoolean());
        }

        (status, body) = await _gw.PostJsonAsync(Ack, """{"by":"technician anna"}""", token: GatewayHttpFixture.Token);
        Assert.Equal(200, status);
        Assert.Equal("pump1/overtemp", body.RootElement.GetProperty("alarm").GetString());
        Assert.True(body.RootElement.GetProperty("acknowledged").GetBoolean());
        Assert.Equal("technician anna", body.RootElement.GetProperty("by").GetString());

        // Visible at once: the acknowledgement refreshed the view on the pipeline thread.
        using (var after = await _gw.GetJsonAsync("api/alarms"))
        {
            var alarm = after.RootElement.GetProperty("alarms")[0];
            Assert.True(alarm.GetProperty("active").GetBoolean());
            Assert.True(alarm.GetProperty("acknowledged").GetBoolean());
        }

        // A second acknowledgement has nothing left to do.
        (status, body) = await _gw.PostJsonAsync(Ack, "{}", token: GatewayHttpFixture.Token);
        Assert.Equal(409, status);
        Assert.Equal("alarm 'pump1/overtemp' is not active or already acknowledged", body.RootElement.GetProperty("error").GetString());

        var audit = _gw.Service<GatewayRuntime>().Outbox.Audit.Recent(20);
        var entry = Assert.Single(audit, e => e.Action == "ack" && e.Result == "ok");
        Assert.Equal("technician anna", entry.Who);
        Assert.Equal("pump1/overtemp", entry.Target);
        _gw.AssertNoErrors();
    }

    [Fact]
    public async Task Acknowledging_an_unknown_or_inactive_alarm_is_refused_with_a_reason()
    {
        var (status, body) = await _gw.PostJsonAsync("api/alarms/pump1/nope/ack", "{}", token: GatewayHttpFixture.Token);
        Assert.Equal(404, status);
        Assert.Equal("no alarm 'pump1/nope' (see /api/alarms)", body.RootElement.GetProperty("error").GetString());

        (status, body) = await _gw.PostJsonAsync("api/alarms/pump1/novibration/ack", "", token: GatewayHttpFixture.Token);
        Assert.Equal(409, status);
        Assert.Equal("alarm 'pump1/novibration' is not active or already acknowledged", body.RootElement.GetProperty("error").GetString());

        (status, body) = await _gw.PostJsonAsync(Ack, """{"by":42}""", token: GatewayHttpFixture.Token);
        Assert.Equal(400, status);
        Assert.Equal("by must be a name of 1 to 64 characters", body.RootElement.GetProperty("error").GetString());

        (status, body) = await _gw.PostJsonAsync(Ack, "{not json", token: GatewayHttpFixture.Token);
        Assert.Equal(400, status);
        Assert.StartsWith("the request body is not valid JSON", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_must_be_json_from_the_page_itself_and_name_a_loopback_host()
    {
        using (var form = new HttpRequestMessage(HttpMethod.Post, Ack) { Content = new StringContent("by=x", Encoding.UTF8, "application/x-www-form-urlencoded") })
        {
            form.Headers.Authorization = new("Bearer", GatewayHttpFixture.Token);
            using var response = await _gw.Client.SendAsync(form);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        var (status, body) = await _gw.PostJsonAsync(Ack, "{}", GatewayHttpFixture.Token, r => r.Headers.Add("Origin", "http://evil.example"));
        Assert.Equal(403, status);
        Assert.Equal("requests from the web page at http://evil.example are not accepted", body.RootElement.GetProperty("error").GetString());

        using (var rebound = new HttpRequestMessage(HttpMethod.Get, "api/status"))
        {
            rebound.Headers.Host = "attacker.example:" + _gw.BaseAddress.Port;
            using var response = await _gw.Client.SendAsync(rebound);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // Reads from this machine need no token even when one is configured.
        using var status2 = await _gw.GetJsonAsync("api/status");
        Assert.Equal("http-gw", status2.RootElement.GetProperty("gateway").GetString());
    }

    [Fact]
    public async Task What_if_answers_with_trajectories_limits_and_crossings_once_the_dynamics_are_identified()
    {
        var (status, body) = await _gw.PostJsonAsync("api/assets/nope/simulate", "{}", GatewayHttpFixture.Token);
        Assert.Equal(404, status);

        (status, body) = await _gw.PostJsonAsync("api/assets/motor2/simulate", "{}", GatewayHttpFixture.Token);
        Assert.Equal(409, status);
        Assert.StartsWith("asset 'motor2' has no what-if model", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        (status, body) = await _gw.PostJsonAsync("api/assets/pump1/simulate", """{"horizon":"forever"}""", GatewayHttpFixture.Token);
        Assert.Equal(400, status);
        Assert.StartsWith("horizon must be a duration", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        (status, body) = await _gw.PostJsonAsync("api/assets/pump1/simulate", """{"inputs":{"speed":[1]}}""", GatewayHttpFixture.Token);
        Assert.Equal(400, status);

        (status, _) = await _gw.PostJsonAsync("api/assets/pump1/simulate", "{}");
        Assert.Equal(401, status);

        await _gw.WaitJsonAsync("api/assets/pump1", r => r.GetProperty("dynamics").GetProperty("ready").GetBoolean(), TimeSpan.FromSeconds(30), "identified dynamics");
        (status, body) = await _gw.PostJsonAsync("api/assets/pump1/simulate", """{"inputs":{"speed":100,"cooling":false},"horizon":"1m"}""", GatewayHttpFixture.Token);
        Assert.True(status == 200, body.RootElement.ToString());
        var r = body.RootElement;
        Assert.Equal("pump1", r.GetProperty("asset").GetString());
        Assert.Equal("1m", r.GetProperty("horizon").GetString());
        Assert.Equal(0.1, r.GetProperty("stepSeconds").GetDouble(), 6);
        Assert.Equal("100", r.GetProperty("overrides").GetProperty("speed").GetString());
        Assert.Equal("0", r.GetProperty("overrides").GetProperty("cooling").GetString());
        var times = r.GetProperty("t").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(600, times.Count);
        Assert.Equal(times.Order(), times);
        var temperature = r.GetProperty("outputs").GetProperty("temperature");
        Assert.Equal("degC", temperature.GetProperty("unit").GetString());
        Assert.Equal(600, temperature.GetProperty("values").GetArrayLength());
        Assert.Equal(600, temperature.GetProperty("baseline").GetArrayLength());
        Assert.Equal(100, r.GetProperty("inputs").GetProperty("speed").GetProperty("values")[0].GetDouble());
        Assert.Equal(20, r.GetProperty("limits")[0].GetProperty("high").GetDouble());
        Assert.Equal(JsonValueKind.Array, r.GetProperty("breaches").ValueKind);
        Assert.Equal(JsonValueKind.Object, r.GetProperty("fit").ValueKind);
        _gw.AssertNoErrors();
    }

    private Task WaitActiveAsync() => _gw.WaitJsonAsync("api/alarms",
        r => r.GetProperty("alarms")[0].GetProperty("active").GetBoolean(), TimeSpan.FromSeconds(10), "overtemp raised");
}
