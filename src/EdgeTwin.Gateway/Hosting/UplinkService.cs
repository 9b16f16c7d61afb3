using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Json;
using EdgeTwin.Uplink.Mqtt;
using EdgeTwin.Uplink.Sparkplug;
using EdgeTwin.Uplink.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// Runs the MQTT uplink (when configured) until the host stops; it stops last so the final commit is sent. Publishes
/// the store-and-forward events: <c>bufferDropping</c> when the full buffer starts dropping, <c>backfillComplete</c>
/// when a backlog has been sent completely.
/// </summary>
public sealed class UplinkService : BackgroundService, IAsyncDisposable
{
    private readonly GatewayRuntime _rt;
    private readonly ILogger<UplinkService> _logger;

    /// <summary>Creates the service.</summary>
    public UplinkService(GatewayRuntime runtime, StatusReport status, ILogger<UplinkService> logger, EventPublisher events, CommandRouter commands, SparkplugEdgeNode? sparkplug = null)
    {
        _rt = runtime;
        _logger = logger;
        runtime.Outbox.DroppingStarted += dropped =>
        {
            var limit = runtime.Config.Storage.MaxSizeMb;
            events.Publish("bufferDropping", w =>
            {
                w.WriteNumber("dropped", dropped);
                w.WriteNumber("maxSizeMb", limit);
            });
        };

        if (runtime.Config.Mqtt is { } mqtt)
        {
            var options = new UplinkOptions
            {
                BackfillRate = runtime.Config.Storage.BackfillRate,
                Sparkplug = sparkplug,
                Commands = commands,
                Time = runtime.Time,
            };
            Uplink = new MqttUplink(mqtt, runtime.Topics, runtime.Outbox, status.Build, logger, options);
            Uplink.BackfillCompleted += s => events.Publish("backfillComplete", w =>
            {
                w.WriteNumber("messages", s.Messages);
                w.WriteNumber("fromSeq", s.FirstSeq);
                w.WriteNumber("toSeq", s.LastSeq);
                w.WriteNumber("seconds", Math.Round(s.Duration.TotalSeconds, 3));
            });
            status.Uplink = Uplink.State;
        }
    }

    /// <summary>The uplink, or null when no broker is configured.</summary>
    public MqttUplink? Uplink { get; }

    /// <summary>
    /// Registers what the uplink side needs: the telemetry encoder (JSON or Sparkplug B), the Sparkplug edge node,
    /// the event publisher and the command router.
    /// </summary>
    public static void Register(IServiceCollection services, GatewayConfig config)
    {
        services.AddSingleton(sp =>
        {
            var rt = sp.GetRequiredService<GatewayRuntime>();
            return new EventPublisher(rt.Outbox, rt.Table, rt.Topics, rt.Time);
        });
        if (config.Mqtt is { Payload: PayloadFormat.Sparkplug } mqtt)
        {
            var group = mqtt.SparkplugGroup ?? SparkplugTopics.Sanitize(config.Gateway.Site ?? "edgetwin");
            services.AddSingleton(new SparkplugTopics(group, config.Gateway.Id));
            services.AddSingleton(sp => new SparkplugLatestValues(sp.GetRequiredService<GatewayRuntime>().Table.Points.Count));
            services.AddSingleton(sp =>
            {
                var rt = sp.GetRequiredService<GatewayRuntime>();
                var statuses = rt.Sources.OrderBy(s => s.Device).Select(s => s.Status).ToList();
                return new SparkplugEdgeNode(sp.GetRequiredService<SparkplugTopics>(), rt.Table, statuses, sp.GetRequiredService<SparkplugLatestValues>(),
                    rt.Outbox, rt.Time, StatusReport.Version, sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeTwin.Uplink.Sparkplug"));
            });
            services.AddSingleton<ITelemetryEncoder>(sp =>
            {
                var rt = sp.GetRequiredService<GatewayRuntime>();
                return new SparkplugTelemetryEncoder(rt.Table, sp.GetRequiredService<SparkplugTopics>(), sp.GetRequiredService<SparkplugLatestValues>(), rt.Time);
            });
        }
        else
        {
            services.AddSingleton<ITelemetryEncoder>(sp =>
            {
                var rt = sp.GetRequiredService<GatewayRuntime>();
                return new JsonTelemetryEncoder(rt.Table, rt.Topics);
            });
        }

        services.AddCommandRouter();
    }

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
