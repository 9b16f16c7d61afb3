using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Deployment;

/// <summary>SIGHUP to the real edgetwin process: a bad file keeps the running configuration, a good one replaces it.</summary>
public sealed class ReloadProcessTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Mosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Sighup_validates_first_keeps_the_running_configuration_on_errors_and_switches_on_a_good_file()
    {
        using var systemd = new FakeNotifySocket(_dir.File("notify"));
        await using var recorder = await MqttRecorder.StartAsync(_broker.Port, "et/v1/+/status");
        var config = _dir.File("edgetwin.yaml");
        await File.WriteAllTextAsync(config, Config("gw-a"));

        await using var gateway = PeerProcess.Start("dotnet", [GatewayProcess.Dll, "run", "--config", config], _dir.Path,
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = systemd.Path });
        await systemd.WaitForAsync("READY=1", TimeSpan.FromSeconds(30), diagnostics: () => gateway.Output);
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gw-a/status" && m.Text.Contains("\"online\":true", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "gw-a online");

        // A bad file: every error is logged with its position, nothing restarts, the process keeps running.
        await File.WriteAllTextAsync(config, """
            gateway:
              id: gw-b
              colour: blue
            storage:
              maxSizeMb: lots
            """);
        await HangUpAsync(gateway);
        await gateway.WaitForOutputAsync($"{config}:3:3: gateway.colour: unknown key", TimeSpan.FromSeconds(15));
        await gateway.WaitForOutputAsync($"{config}:5:14: storage.maxSizeMb:", TimeSpan.FromSeconds(5));
        Assert.Contains($"SIGHUP: {config} has 2 error(s); the running configuration stays in force", gateway.Output, StringComparison.Ordinal);
        Assert.True(gateway.Running);
        Assert.Equal(0, systemd.Received.Count(r => r.Text.StartsWith("RELOADING=1", StringComparison.Ordinal)));
        Assert.DoesNotContain(recorder.Messages, m => m.Topic == "et/v1/gw-b/status");

        // A good file: the host is replaced in-process and the new gateway id goes online.
        await File.WriteAllTextAsync(config, Config("gw-b"));
        var before = systemd.Now;
        await HangUpAsync(gateway);
        await recorder.WaitForAsync(m => m.Topic == "et/v1/gw-b/status" && m.Text.Contains("\"online\":true", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "gw-b online after the reload");
        await gateway.WaitForOutputAsync("Configuration reloaded from", TimeSpan.FromSeconds(10));
        var reloading = await systemd.WaitForAsync("RELOADING=1", TimeSpan.FromSeconds(5), after: before);
        var ready = await systemd.WaitForAsync("READY=1", TimeSpan.FromSeconds(5), after: reloading);
        Assert.DoesNotContain(systemd.Received, r => r.At >= before && r.At <= ready && r.Text == "STOPPING=1");
        Assert.True(gateway.Running);

        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));
        await systemd.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(5), after: ready);
        var unexpected = gateway.Output.Split('\n')
            .Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal))
            .Where(l => !l.Contains("ReloadLoop[811]", StringComparison.Ordinal) && !l.Contains("ReloadLoop[812]", StringComparison.Ordinal));
        Assert.Empty(unexpected);
    }

    private string Config(string gateway) => $"""
        gateway:
          id: {gateway}
        storage:
          path: {_dir.File(gateway + ".db")}
        http:
          enabled: false
        mqtt:
          url: mqtt://127.0.0.1:{_broker.Port}
          topicRoot: et/v1
        """;

    private static async Task HangUpAsync(PeerProcess process)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
