using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Runs the MQTT uplink (when configured) until the host stops; it stops last so the final commit is sent.</summary>
public sealed class UplinkService : BackgroundService, IAsyncDisposable
{
    private readonly GatewayRuntime _rt;
    private readonly StatusReport _status;
    private readonly ILogger<UplinkService> _logger;

    /// <summary>Creates the service.</summary>
    public UplinkService(GatewayRuntime runtime, StatusReport status, ILogger<UplinkService> logger)
    {
        _rt = runtime;
        _status = status;
        _logger = logger;
        if (runtime.Config.Mqtt is { } mqtt)
        {
            Uplink = new MqttUplink(mqtt, runtime.Topics, runtime.Outbox, status.Build, logger);
            status.Uplink = Uplink.State;
        }
    }

    /// <summary>The uplink, or null when no broker is configured.</summary>
    public MqttUplink? Uplink { get; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Uplink is null)
        {
            _logger.LogWarning("No mqtt section: data is buffered in {Path} but not sent anywhere", _rt.Config.Storage.Path);
            return;
        }

        await Uplink.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Give the uplink a moment to send the pipeline's last commit before going offline.
        if (Uplink is { State.Connected: true })
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1.5);
            while (DateTime.UtcNow < deadline && Uplink.State.LastAckedSeq < _rt.Outbox.LastCommittedSeq)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Uplink is not null)
        {
            await Uplink.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }
}
