using System.Text;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Uplink.Tests.Mqtt;

/// <summary>mqtts:// against a real mosquitto that requires client certificates (mutual TLS).</summary>
public sealed class MqttTlsTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly int _tlsPort = FreePort.Next();
    private TestCertificates _certs = null!;
    private Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        _certs = await TestCertificates.CreateAsync();
        _broker = await Mosquitto.StartAsync(_certs.ListenerConfig(_tlsPort));
        await FreePort.WaitListeningAsync(_tlsPort, TimeSpan.FromSeconds(10), () => _broker.Output);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _certs.Dispose();
        _dir.Dispose();
    }

    private Outbox OutboxWith(string name, int messages)
    {
        var outbox = Outbox.Open(new OutboxOptions { Path = _dir.File(name + ".db") }, NullLogger.Instance);
        for (var i = 0; i < messages; i++)
        {
            outbox.Add(OutboxKind.Telemetry, "plc1", $"tls/{name}/telemetry", Encoding.UTF8.GetBytes($"{{\"seq\":{outbox.NextSeq}}}"), DateTime.UtcNow);
        }

        outbox.Commit();
        return outbox;
    }

    private MqttConfig Config(TlsConfig tls, string host = "localhost") =>
        new() { Url = new Uri($"mqtts://{host}:{_tlsPort}"), Tls = tls, ClientId = "tls-" + Guid.NewGuid().ToString("N")[..6], MaxBackoff = TimeSpan.FromMilliseconds(500) };

    private static async Task RunUntilAsync(MqttUplink uplink, Func<bool> done, TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource();
        var run = uplink.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_client_certificate_signed_by_the_ca_gets_through_and_messages_leave_the_outbox_after_their_puback()
    {
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "tls/ok/#");
        using var outbox = OutboxWith("ok", 3);
        await using var uplink = new MqttUplink(Config(new TlsConfig(_certs.Ca, _certs.ClientCert, _certs.ClientKey, null)), new TopicScheme("tls", "ok"), outbox, _ => "{}"u8.ToArray(), NullLogger.Instance);

        await RunUntilAsync(uplink, () => recorder.Messages.Count(m => m.Topic == "tls/ok/telemetry") == 3 && outbox.Backlog.Messages == 0, TimeSpan.FromSeconds(15));

        // Committed before the connection: the newest first, then the older ones in order, marked as backfill.
        var received = recorder.Messages.Where(m => m.Topic == "tls/ok/telemetry").Select(m => m.Json).ToList();
        Assert.Equal(new[] { 3L, 1, 2 }, received.Select(j => j.GetProperty("seq").GetInt64()));
        Assert.Equal(new[] { false, true, true }, received.Select(j => j.TryGetProperty("backfill", out var b) && b.GetBoolean()));
        Assert.Equal(0, outbox.Backlog.Messages);
        Assert.Equal(1, uplink.State.Connects);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_broker_refuses_and_the_error_says_what_to_set()
    {
        using var outbox = OutboxWith("nocert", 2);
        var log = new ListLogger();
        await using var uplink = new MqttUplink(Config(new TlsConfig(_certs.Ca, null, null, null)), new TopicScheme("tls", "nocert"), outbox, _ => "{}"u8.ToArray(), log);

        await RunUntilAsync(uplink, () => uplink.State.Failures >= 2, TimeSpan.FromSeconds(15));

        Assert.Equal(0, uplink.State.Connects);
        Assert.Contains("set mqtt.tls.cert and mqtt.tls.key", uplink.State.LastError, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("mqtt.tls.cert", StringComparison.Ordinal));
        Assert.Equal(2, outbox.Backlog.Messages);
    }

    [Fact]
    public async Task A_broker_certificate_for_another_name_is_rejected_by_the_server_name_check()
    {
        using var outbox = OutboxWith("name", 1);
        var tls = new TlsConfig(_certs.Ca, _certs.ClientCert, _certs.ClientKey, "broker.example.com");
        await using var uplink = new MqttUplink(Config(tls), new TopicScheme("tls", "name"), outbox, _ => "{}"u8.ToArray(), NullLogger.Instance);

        await RunUntilAsync(uplink, () => uplink.State.Failures >= 1, TimeSpan.FromSeconds(15));

        Assert.Equal(0, uplink.State.Connects);
        Assert.Contains("not valid for the name 'broker.example.com'", uplink.State.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_signed_by_another_ca_is_not_trusted()
    {
        using var other = await TestCertificates.CreateAsync();
        using var outbox = OutboxWith("ca", 1);
        await using var uplink = new MqttUplink(Config(new TlsConfig(other.Ca, _certs.ClientCert, _certs.ClientKey, null)), new TopicScheme("tls", "ca"), outbox, _ => "{}"u8.ToArray(), NullLogger.Instance);

        await RunUntilAsync(uplink, () => uplink.State.Failures >= 1, TimeSpan.FromSeconds(15));

        Assert.Equal(0, uplink.State.Connects);
        Assert.Contains("does not chain to mqtt.tls.ca", uplink.State.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_at_run_time_is_logged_as_an_error_naming_it_and_retried()
    {
        using var outbox = OutboxWith("missing", 1);
        var log = new ListLogger();
        var missing = _dir.File("gone/client.crt");
        await using var uplink = new MqttUplink(Config(new TlsConfig(_certs.Ca, missing, _certs.ClientKey, null)), new TopicScheme("tls", "missing"), outbox, _ => "{}"u8.ToArray(), log);

        await RunUntilAsync(uplink, () => uplink.State.Failures >= 2, TimeSpan.FromSeconds(15));

        Assert.StartsWith($"mqtt.tls.cert/key: cannot load the client certificate '{missing}'", uplink.State.LastError, StringComparison.Ordinal);
        var errors = log.Lines.Where(l => l.Level == LogLevel.Error).ToList();
        Assert.True(errors.Count >= 2, "retried and logged each time");
        Assert.All(errors, e => Assert.Contains(missing, e.Text, StringComparison.Ordinal));
    }
}
