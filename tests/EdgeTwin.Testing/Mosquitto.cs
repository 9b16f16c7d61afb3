using System.Globalization;

namespace EdgeTwin.Testing;

/// <summary>A real mosquitto broker on a free loopback port, in its own temp folder.</summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly TempDir _dir;
    private PeerProcess _process;

    private Mosquitto(TempDir dir, PeerProcess process, int port, string config)
    {
        _dir = dir;
        _process = process;
        Port = port;
        ConfigFile = config;
    }

    /// <summary>The plain MQTT port.</summary>
    public int Port { get; }

    /// <summary>mqtt://127.0.0.1:port.</summary>
    public Uri Url => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>The broker's configuration file.</summary>
    public string ConfigFile { get; }

    /// <summary>Broker output (for diagnostics).</summary>
    public string Output => _process.Output;

    /// <summary>Starts a broker; <paramref name="extraConfig"/> adds listeners (e.g. TLS).</summary>
    public static async Task<Mosquitto> StartAsync(string? extraConfig = null, int? port = null)
    {
        var dir = new TempDir();
        var p = port ?? FreePort.Next();
        var config = dir.File("mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            per_listener_settings true
            persistence false
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            listener {p} 127.0.0.1
            allow_anonymous true
            {extraConfig ?? string.Empty}
            """));
        var process = PeerProcess.Start("mosquitto", ["-c", config]);
        var broker = new Mosquitto(dir, process, p, config);
        await FreePort.WaitListeningAsync(p, TimeSpan.FromSeconds(10), () => process.Output);
        return broker;
    }

    /// <summary>Stops the broker (SIGKILL: clients see the connection drop).</summary>
    public Task StopAsync() => _process.KillAsync();

    /// <summary>Starts the broker again on the same port and configuration.</summary>
    public async Task RestartAsync()
    {
        await _process.KillAsync();
        await _process.DisposeAsync();
        _process = PeerProcess.Start("mosquitto", ["-c", ConfigFile]);
        await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(10), () => _process.Output);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}
