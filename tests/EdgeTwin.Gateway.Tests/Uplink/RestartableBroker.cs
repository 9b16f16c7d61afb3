using System.Globalization;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>
/// A real mosquitto on a free loopback port with persistence on, so that it can be stopped (SIGTERM: it saves its
/// sessions) and started again on the same port with the persistent sessions (and their queued QoS 1 messages) of
/// the clients that were connected: a test subscriber misses nothing across the outage.
/// </summary>
internal sealed class RestartableBroker : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private PeerProcess? _process;

    private RestartableBroker(string extraConfig)
    {
        Port = FreePort.Next();
        Directory.CreateDirectory(_dir.File("data"));
        File.WriteAllText(ConfigFile, string.Create(CultureInfo.InvariantCulture, $"""
            persistence true
            persistence_location {_dir.File("data")}/
            autosave_interval 3600
            max_queued_messages 0
            max_queued_bytes 0
            log_dest stdout
            log_type error
            log_type warning
            listener {Port} 127.0.0.1
            allow_anonymous true
            {extraConfig}
            """));
    }

    public int Port { get; }

    public string ConfigFile => _dir.File("mosquitto.conf");

    public string Output => _process?.Output ?? string.Empty;

    public static async Task<RestartableBroker> StartAsync(string extraConfig = "")
    {
        var broker = new RestartableBroker(extraConfig);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Stops the broker cleanly (it saves the sessions); clients see their connections drop.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.TerminateAsync(TimeSpan.FromSeconds(10));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the broker (again) on the same port and data folder.</summary>
    public async Task StartAgainAsync()
    {
        _process = PeerProcess.Start("mosquitto", ["-c", ConfigFile]);
        await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(10), () => _process.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _dir.Dispose();
    }
}
