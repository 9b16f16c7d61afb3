using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>The read side of the JSON API over real HTTP on loopback, against the gateway polling the simulated pump.</summary>
public sealed class ApiReadTests : IClassFixture<OpenGateway>
{
    private readonly GatewayHttpFixture _gw;

    public ApiReadTests(OpenGateway shared) => _gw = shared.Gateway;

    [Fact]
    public async Task Healthz_answers_alive()
    {
        using var doc = await _gw.GetJsonAsync("healthz");
        Assert.Equal("alive", doc.RootElement.GetProperty("status").GetString());
        _gw.AssertNoErrors();
    }

    [Fact]
    public async Task Readyz_passes_every_check_once_the_device_delivered_data()
    {
        using var doc = await _gw.GetJsonAsync("readyz");
        var root = doc.RootElement;
        Assert.True(root.GetProperty("ready").GetBoolean(), root.ToString());
        Assert.Empty(root.GetProperty("reasons").EnumerateArray());
        var checks = root.GetProperty("checks");
        foreach (var name in new[] { "firstPoll", "loops", "store", "uplink" })
        {
            Assert.True(checks.GetProperty(name).GetProperty("ok").GetBoolean(), name);
        }

        Assert.Contains("gw.db is writable", checks.GetProperty("store").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no uplink configured", checks.GetProperty("uplink").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_show_the_modbus_device_online_with_growing_counters()
    {
        using var first = await _gw.GetJsonAsync("api/devices");
        var device = Assert.Single(first.RootElement.GetProperty("devices").EnumerateArray());
        Assert.Equal("plc1", device.GetProperty("id").GetString());
        Assert.Equal("modbus", device.GetProperty("protocol").GetString());
        Assert.StartsWith("127.0.0.1:", device.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.Equal("100ms", device.GetProperty("poll").GetString());
        Assert.Equal(7, device.GetProperty("points").GetInt32());
        Assert.Equal("online", device.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("error").ValueKind);
        var status = _gw.Service<EdgeTwin.Gateway.Pipeline.GatewayRuntime>().Sources[0].Status;
        Assert.InRange(device.GetProperty("errors").GetInt64(), 0, status.Errors);
        Assert.InRange(device.GetProperty("timeouts").GetInt64(), 0, status.Timeouts);
        var polls = device.GetProperty("polls").GetInt64();
        Assert.True(polls > 0);

        using var later = await _gw.WaitJsonAsync("api/devices",
            r => r.GetProperty("devices")[0].GetProperty("polls").GetInt64() > polls + 2, TimeSpan.FromSeconds(10), "more polls");
        var again = later.RootElement.GetProperty("devices")[0];
        // Every cycle reads all 7 points (the counters are read one after the other, so allow one cycle of skew).
        Assert.InRange(again.GetProperty("samples").GetInt64(), (again.GetProperty("polls").GetInt64() - 1) * 7, (again.GetProperty("polls").GetInt64() + 1) * 7);
    }

    [Fact]
    public async Task Points_of_a_device_carry_typed_values_quality_and_time()
    {
        // On a loaded machine a poll may come late and a value show "stale" for a moment, and the pump builds its pressure
        // after start: ask again until all are fresh and the pressure is up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var doc = await _gw.GetJsonAsync("api/points?device=plc1");
        while (DateTime.UtcNow < deadline
               && doc.RootElement.GetProperty("points").EnumerateArray().Any(p => p.GetProperty("quality").GetString() != "good"
                   || (p.GetProperty("id").GetString() == "pump1_pressure" && p.GetProperty("value").GetDouble() < 0.5)))
        {
            doc.Dispose();
            await Task.Delay(200);
            doc = await _gw.GetJsonAsync("api/points?device=plc1");
        }

        using var answer = doc;
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(7, points.Count);
        foreach (var p in points.Values)
        {
            Assert.Equal("plc1", p.GetProperty("device").GetString());
            Assert.Equal("good", p.GetProperty("quality").GetString());
            var ts = DateTime.Parse(p.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.InRange(DateTime.UtcNow - ts, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(5));
        }

        // The simulated pump runs at 80 % speed (raw 800 x 0.1) with pressure of a few bar and cooling on.
        Assert.Equal(80, points["pump1_speed"].GetProperty("value").GetDouble());
        Assert.Equal("uint16", points["pump1_speed"].GetProperty("type").GetString());
        Assert.True(points["pump1_speed"].GetProperty("writable").GetBoolean());
        Assert.Equal(JsonValueKind.True, points["pump1_running"].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.True, points["pump1_cooling"].GetProperty("value").ValueKind);
        Assert.Equal("bar", points["pump1_pressure"].GetProperty("unit").GetString());
        Assert.InRange(points["pump1_pressure"].GetProperty("value").GetDouble(), 0.5, 10);
        Assert.InRange(points["pump1_temperature"].GetProperty("value").GetDouble(), 20, 120);

        using var all = await _gw.GetJsonAsync("api/points");
        Assert.Equal(7, all.RootElement.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public async Task Points_of_an_unknown_device_are_404_with_a_json_error()
    {
        using var response = await _gw.Client.GetAsync("api/points?device=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no device 'nope' (see /api/devices)", doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Stored_history_of_a_point_and_of_an_asset_property_answers_with_times_and_values()
    {
        using var doc = await _gw.WaitJsonAsync("api/history?name=plc1/pump1_speed&points=100",
            r => r.GetProperty("v").GetArrayLength() >= 3, TimeSpan.FromSeconds(10), "three stored speeds");
        var root = doc.RootElement;
        Assert.Equal("plc1/pump1_speed", root.GetProperty("name").GetString());
        var times = root.GetProperty("t").EnumerateArray().Select(t => t.GetInt64()).ToList();
        Assert.Equal(times.Count, root.GetProperty("v").GetArrayLength());
        Assert.True(times.SequenceEqual(times.Order()), "times ascend");
        Assert.All(root.GetProperty("v").EnumerateArray(), v => Assert.Equal(80, v.GetDouble()));

        using var byProperty = await _gw.GetJsonAsync("api/history?name=pump1/speed&points=100");
        Assert.True(byProperty.RootElement.GetProperty("v").GetArrayLength() >= 3, byProperty.RootElement.ToString());

        using var missing = await _gw.Client.GetAsync("api/history?name=pump1/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("pump1/nothing", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var bad = await _gw.Client.GetAsync("api/history?name=pump1/speed&points=1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Assets_show_each_twin_with_properties_alarms_limits_and_no_model()
    {
        using var doc = await _gw.WaitJsonAsync("api/assets",
            r => r.GetProperty("assets")[0].GetProperty("status").GetString() == "synchronized", TimeSpan.FromSeconds(10), "a synchronized pump");
        var assets = doc.RootElement.GetProperty("assets").EnumerateArray().ToList();
        Assert.Equal(["pump1", "motor2"], assets.Select(a => a.GetProperty("id").GetString()));
        var pump = assets[0];
        Assert.Equal("pump", pump.GetProperty("type").GetString());
        Assert.Equal(1.0, pump.GetProperty("confidence").GetDouble());
        var props = pump.GetProperty("properties");
        Assert.Equal(["pressure", "current", "running", "temperature", "vibration", "speed", "cooling"], props.EnumerateObject().Select(p => p.Name));
        Assert.Equal("degC", props.GetProperty("temperature").GetProperty("unit").GetString());
        Assert.Equal("good", props.GetProperty("temperature").GetProperty("quality").GetString());
        Assert.Equal(JsonValueKind.True, props.GetProperty("running").GetProperty("value").ValueKind);

        // overtemp (high 20) is raised by the pump's normal temperature; novibration (low -100) never is.
        var alarm = Assert.Single(pump.GetProperty("alarms").EnumerateArray());
        Assert.Equal("pump1/overtemp", alarm.GetProperty("key").GetString());
        Assert.Equal("high", alarm.GetProperty("limit").GetString());
        Assert.Equal(50, pump.GetProperty("health").GetDouble());
        var limits = pump.GetProperty("limits").EnumerateArray().ToList();
        Assert.Equal(20, limits[0].GetProperty("high").GetDouble());
        Assert.Equal(-100, limits[1].GetProperty("low").GetDouble());
        Assert.Equal(JsonValueKind.Null, pump.GetProperty("anomaly").ValueKind);
        Assert.Equal(JsonValueKind.Null, pump.GetProperty("failure").ValueKind);
        var dynamics = pump.GetProperty("dynamics");
        Assert.Equal(["speed", "cooling"], dynamics.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, assets[1].GetProperty("dynamics").ValueKind);
    }

    [Fact]
    public async Task An_asset_has_the_history_of_its_properties_oldest_first()
    {
        // The rings keep each 2 s slice's lowest and highest value at this poll rate: wait for three slices (run alone,
        // the gateway has only just started).
        using var doc = await _gw.WaitJsonAsync("api/assets/pump1?minutes=60&points=100",
            r => r.GetProperty("history").GetProperty("properties").GetProperty("temperature").GetProperty("t").GetArrayLength() >= 5,
            TimeSpan.FromSeconds(15), "five values of history");
        var root = doc.RootElement;
        Assert.Equal("pump1", root.GetProperty("id").GetString());
        var history = root.GetProperty("history");
        var from = DateTime.Parse(history.GetProperty("from").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var to = DateTime.Parse(history.GetProperty("to").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(TimeSpan.FromHours(1), to - from);
        var temperature = history.GetProperty("properties").GetProperty("temperature");
        Assert.Equal("degC", temperature.GetProperty("unit").GetString());
        var t = temperature.GetProperty("t").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var v = temperature.GetProperty("v").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(t.Count, v.Count);
        Assert.InRange(t.Count, 5, 100);
        Assert.Equal(t.Order(), t);
        Assert.All(v, x => Assert.InRange(x, 20, 120));
        var lastSample = DateTimeOffset.FromUnixTimeMilliseconds(t[^1]).UtcDateTime;
        Assert.InRange(to - lastSample, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(3));
        var running = history.GetProperty("properties").GetProperty("running").GetProperty("v").EnumerateArray().Select(e => e.GetDouble());
        Assert.All(running, x => Assert.Equal(1, x));
    }

    [Fact]
    public async Task Asset_errors_are_json_with_proper_status_codes()
    {
        foreach (var (path, status, message) in new[]
        {
            ("api/assets/nope", HttpStatusCode.NotFound, "no asset 'nope' (see /api/assets)"),
            ("api/assets/pump1?minutes=61", HttpStatusCode.BadRequest, "minutes must be between 1 and 60"),
            ("api/assets/pump1?points=1", HttpStatusCode.BadRequest, "points must be between 2 and 3600"),
            ("api/nothing-here", HttpStatusCode.NotFound, "no such endpoint: GET /api/nothing-here (see /api/status)"),
        })
        {
            using var response = await _gw.Client.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(message, doc.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Alarms_list_every_configured_alarm_with_its_state()
    {
        using var doc = await _gw.WaitJsonAsync("api/alarms",
            r => r.GetProperty("alarms")[0].GetProperty("active").GetBoolean(), TimeSpan.FromSeconds(10), "overtemp raised");
        var alarms = doc.RootElement.GetProperty("alarms").EnumerateArray().ToList();
        Assert.Equal(["pump1/overtemp", "pump1/novibration"], alarms.Select(a => a.GetProperty("key").GetString()));
        var overtemp = alarms[0];
        Assert.Equal("critical", overtemp.GetProperty("severity").GetString());
        Assert.Equal("temperature", overtemp.GetProperty("property").GetString());
        Assert.True(overtemp.GetProperty("condition").GetBoolean());
        Assert.True(overtemp.GetProperty("value").GetDouble() > 20);
        Assert.NotEqual(JsonValueKind.Null, overtemp.GetProperty("raisedAt").ValueKind);
        Assert.False(alarms[1].GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, alarms[1].GetProperty("raisedAt").ValueKind);

        using var active = await _gw.GetJsonAsync("api/alarms?active=true");
        Assert.Equal("pump1/overtemp", Assert.Single(active.RootElement.GetProperty("alarms").EnumerateArray()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Status_summarises_gateway_backlog_uplink_devices_assets_and_alarms()
    {
        using var doc = await _gw.WaitJsonAsync("api/status",
            r => r.GetProperty("samplesPerSecond").GetDouble() > 0 && r.GetProperty("backlog").GetProperty("messages").GetInt64() > 0,
            TimeSpan.FromSeconds(10), "a sample rate and a backlog");
        var s = doc.RootElement;
        Assert.True(s.GetProperty("ready").GetBoolean());
        Assert.Equal("http-gw", s.GetProperty("gateway").GetString());
        Assert.Equal("test-bench", s.GetProperty("site").GetString());
        Assert.True(s.GetProperty("firstPoll").GetBoolean());
        // 7 points every 100 ms: about 70 samples a second.
        Assert.InRange(s.GetProperty("samplesPerSecond").GetDouble(), 20, 100);
        var backlog = s.GetProperty("backlog");
        Assert.True(backlog.GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(backlog.GetProperty("messages").GetInt64(), backlog.GetProperty("lastSeq").GetInt64());
        Assert.True(backlog.GetProperty("oldestAgeSeconds").GetDouble() >= 0);
        Assert.Equal(0, backlog.GetProperty("dropped").GetInt64());
        var uplink = s.GetProperty("uplink");
        Assert.False(uplink.GetProperty("configured").GetBoolean());
        Assert.False(uplink.GetProperty("connected").GetBoolean());
        Assert.Equal("plc1", s.GetProperty("devices")[0].GetProperty("id").GetString());
        var pump = s.GetProperty("assets")[0];
        Assert.Equal("pump1", pump.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, pump.GetProperty("anomalyScore").ValueKind);
        var alarms = s.GetProperty("alarms");
        Assert.Equal(2, alarms.GetProperty("configured").GetInt32());
        Assert.Equal(1, alarms.GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task The_event_stream_sends_a_live_event_every_second_with_fresh_values()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var events = new List<JsonDocument>();
        var started = DateTime.UtcNow;
        string? type = null;
        while (events.Count < 3)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.NotNull(line);
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Equal("live", type);
                events.Add(JsonDocument.Parse(line[6..]));
            }
        }

        var elapsed = DateTime.UtcNow - started;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        var stamps = events.Select(e => e.RootElement.GetProperty("status").GetProperty("ts").GetString()).ToList();
        Assert.Equal(3, stamps.Distinct().Count());
        var temperatures = events.Select(e => e.RootElement.GetProperty("assets")[0].GetProperty("properties").GetProperty("temperature").GetProperty("ts").GetString()).ToList();
        Assert.True(temperatures.Distinct().Count() >= 2, "the pump's values are refreshed between events");
        var last = events[^1].RootElement;
        Assert.Equal(7, last.GetProperty("points").GetArrayLength());
        Assert.Equal(2, last.GetProperty("alarms").GetArrayLength());
        foreach (var e in events)
        {
            e.Dispose();
        }
    }

    [Fact]
    public async Task The_page_is_served_from_the_binary_with_a_self_only_content_policy()
    {
        using var response = await _gw.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/app.js\"></script>", html, StringComparison.Ordinal);

        foreach (var file in new[] { "/app.js", "/charts.js", "/format.js", "/app.css", "/favicon.svg" })
        {
            using var asset = await _gw.Client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            var text = await asset.Content.ReadAsStringAsync();
            // Nothing is fetched from elsewhere: no absolute URLs except the SVG namespace.
            var external = System.Text.RegularExpressions.Regex.Matches(text, @"https?://[^\s'""`)]+")
                .Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg").ToList();
            Assert.True(external.Count == 0, $"{file} names {string.Join(", ", external)}");

            using var again = new HttpRequestMessage(HttpMethod.Get, file);
            again.Headers.TryAddWithoutValidation("If-None-Match", asset.Headers.ETag!.Tag);
            using var cached = await _gw.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        }

        using var missing = await _gw.Client.GetAsync("/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
