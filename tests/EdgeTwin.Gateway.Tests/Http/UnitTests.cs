using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Testing;
using EdgeTwin.Twin.State;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>The HTTP side's pieces without a server: the pipeline work queue, history thinning, the access rules.</summary>
public sealed class UnitTests
{
    [Fact]
    public async Task Pipeline_work_runs_only_when_the_pipeline_drains_it_and_returns_results_and_exceptions()
    {
        var work = new PipelineWork();
        var ran = 0;
        var result = work.RunAsync(() => ++ran * 10);
        var failing = work.RunAsync<int>(() => throw new InvalidOperationException("boom"));
        Assert.False(result.IsCompleted);
        Assert.Equal(0, ran);
        Assert.Equal(2, work.Pending);

        Assert.Equal(2, work.Drain());
        Assert.Equal(10, await result);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("boom", ex.Message);
        Assert.Equal(0, work.Pending);
    }

    [Fact]
    public async Task Cancelled_pipeline_work_is_not_run_and_a_full_queue_refuses_more()
    {
        var work = new PipelineWork();
        using var cts = new CancellationTokenSource();
        var ran = false;
        var cancelled = work.RunAsync(() => ran = true, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        work.Drain();
        Assert.False(ran);

        var queued = Enumerable.Range(0, PipelineWork.MaxQueued).Select(i => work.RunAsync(() => i)).ToList();
        PipelineUnavailableException? refused = null;
        try
        {
            _ = work.RunAsync(() => -1);
        }
        catch (PipelineUnavailableException ex)
        {
            refused = ex;
        }

        Assert.NotNull(refused);
        Assert.Equal($"more than {PipelineWork.MaxQueued} requests wait for the pipeline thread", refused.Message);
        work.Drain();
        Assert.Equal(Enumerable.Range(0, PipelineWork.MaxQueued), await Task.WhenAll(queued));
    }

    [Fact]
    public void History_keeps_the_window_and_thins_to_slices_minimum_and_maximum()
    {
        var property = new PropertyState("temperature", 0, "degC", TimeSpan.FromSeconds(3), historyCapacity: 1000);
        var asset = new AssetState(new AssetConfig { Id = "a" }, [property]);
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 1000; i++)
        {
            // A flat line with one spike at i = 700 and one dip at i = 701.
            property.History.Add(t0.AddSeconds(i), i == 700 ? 99 : i == 701 ? -99 : 20);
        }

        var all = Assert.Single(AssetHistory.Capture(asset, t0.AddSeconds(900), 3600));
        Assert.Equal(100, all.Times.Length);
        Assert.Equal(t0.AddSeconds(900), all.Times[0]);

        var thin = Assert.Single(AssetHistory.Capture(asset, t0, 100));
        Assert.InRange(thin.Values.Length, 50, 100);
        Assert.Contains(99, thin.Values);
        Assert.Contains(-99, thin.Values);
        Assert.Equal(thin.Times.Order(), thin.Times);
        Assert.Equal("degC", thin.Unit);

        var none = Assert.Single(AssetHistory.Capture(asset, t0.AddHours(1), 100));
        Assert.Empty(none.Times);
    }

    [Fact]
    public void Access_rules_for_reads_writes_tokens_hosts_and_origins()
    {
        using var dir = new TempDir();
        var tokenFile = dir.File("token");
        File.WriteAllText(tokenFile, "  secret-token-0123456789  \n");
        var withToken = HttpAccess.Create(new HttpConfig { Listen = "0.0.0.0:8080", TokenFile = tokenFile });
        var loopback = HttpAccess.Create(new HttpConfig { Listen = "127.0.0.1:8080" });
        Assert.False(withToken.LoopbackOnly);
        Assert.True(loopback.LoopbackOnly);
        Assert.Equal(8080, loopback.Port);

        // Reading: open on loopback, token from elsewhere; /healthz and the page files always open.
        Assert.Null(loopback.Check(Request("GET", "/api/status", "127.0.0.1")));
        Assert.Equal(401, withToken.Check(Request("GET", "/api/status", "10.0.0.7", host: "gw.plant"))?.Status);
        Assert.Null(withToken.Check(Request("GET", "/api/status", "10.0.0.7", host: "gw.plant", token: "secret-token-0123456789")));
        Assert.Null(withToken.Check(Request("GET", "/healthz", "10.0.0.7", host: "gw.plant")));
        Assert.Null(withToken.Check(Request("GET", "/app.js", "10.0.0.7", host: "gw.plant")));
        Assert.Equal(401, withToken.Check(Request("GET", "/metrics", "10.0.0.7", host: "gw.plant"))?.Status);

        // Writing: token whenever configured (also from loopback), JSON only, same origin only.
        Assert.Equal(401, withToken.Check(Request("POST", "/api/alarms/a/b/ack", "127.0.0.1", json: true))?.Status);
        Assert.Null(withToken.Check(Request("POST", "/api/alarms/a/b/ack", "127.0.0.1", json: true, token: "secret-token-0123456789")));
        Assert.Equal(415, withToken.Check(Request("POST", "/api/alarms/a/b/ack", "127.0.0.1", token: "secret-token-0123456789"))?.Status);
        Assert.Null(loopback.Check(Request("POST", "/api/alarms/a/b/ack", "127.0.0.1", json: true, origin: "http://127.0.0.1:8080")));
        Assert.Equal(403, loopback.Check(Request("POST", "/api/alarms/a/b/ack", "127.0.0.1", json: true, origin: "http://evil.example"))?.Status);
        Assert.Equal(403, loopback.Check(Request("POST", "/api/alarms/a/b/ack", "10.0.0.7", json: true))?.Status);
        Assert.Equal(403, loopback.Check(Request("GET", "/api/status", "127.0.0.1", host: "rebind.example"))?.Status);
        Assert.Null(loopback.Check(Request("GET", "/api/status", "::1", host: "[::1]")));
        Assert.Null(loopback.Check(Request("GET", "/api/status", "127.0.0.1", host: "localhost")));
    }

    [Fact]
    public void A_token_file_that_is_missing_or_too_short_stops_the_server_with_a_reason()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<InvalidOperationException>(() => HttpAccess.Create(new HttpConfig { TokenFile = dir.File("none") }));
        Assert.StartsWith($"http.tokenFile: cannot read '{dir.File("none")}'", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(dir.File("short"), "abc\n");
        var shortToken = Assert.Throws<InvalidOperationException>(() => HttpAccess.Create(new HttpConfig { TokenFile = dir.File("short") }));
        Assert.Equal($"http.tokenFile: the token in '{dir.File("short")}' has 3 characters; at least 16 are required", shortToken.Message);
    }

    private static DefaultHttpContext Request(string method, string path, string remote, string host = "127.0.0.1:8080", string? token = null, bool json = false, string? origin = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Host = new HostString(host);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        if (json)
        {
            context.Request.ContentType = "application/json";
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        return context;
    }
}
