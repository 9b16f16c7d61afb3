using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Builds the daemon's host from a validated configuration.</summary>
public static class GatewayHost
{
    /// <summary>How long stopping may take (systemd's stop timeout is longer).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4.5);

    /// <summary>
    /// Builds a host running the gateway of <paramref name="config"/>. <paramref name="reloader"/> lets the
    /// <c>reload-config</c> command restart the gateway with its file re-read (without one it answers not-supported).
    /// </summary>
    public static IHost Build(GatewayConfig config, Action<ILoggingBuilder>? logging = null, TimeProvider? time = null, Commands.IConfigReloader? reloader = null)
    {
        // The empty builder, not CreateApplicationBuilder with DisableDefaults: the same host, but the default set-up
        // (appsettings.json and its file watcher, the command line and environment as configuration, the console,
        // debug, EventSource and EventLog loggers) is then not reachable, so the native build leaves it out.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = ShutdownTimeout;
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        }
        else
        {
            logging(builder.Logging);
        }

        // After the logging set-up: under systemd the journal format (<N> priority prefixes) replaces the console's.
        builder.Services.AddGatewayWatchdog();
        var clock = time ?? TimeProvider.System;
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(sp => Outbox.Open(
            new OutboxOptions { Path = config.Storage.Path, MaxBytes = config.Storage.MaxSizeMb * 1024L * 1024L },
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeTwin.Storage")));
        builder.Services.AddSingleton(sp =>
        {
            var table = new Core.Points.PointTable(config.Devices);
            var sources = DeviceSourceFactory.CreateAll(table, sp.GetRequiredService<ILoggerFactory>(), clock, config.Storage.Path);
            return new GatewayRuntime(config, sp.GetRequiredService<Outbox>(), sources, clock);
        });
        builder.Services.AddSingleton<StatusReport>();
        builder.Services.AddSingleton<Http.PipelineWork>();
        builder.Services.AddCommandModule<TwinCommands>();
        builder.Services.AddCommandModule<MaintenanceCommands>();
        builder.Services.AddCommandModule<OptimizeCommand>();
        if (reloader is not null)
        {
            builder.Services.AddSingleton(reloader);
        }

        UplinkService.Register(builder.Services, config);

        // The HTTP server (page, API, metrics) starts first, so /healthz and /readyz answer while devices connect,
        // and stops last.
        builder.Services.AddGatewayHttp(config);

        // Start order: uplink, pipeline, devices; stop order is the reverse, so devices stop first, the pipeline
        // commits what they delivered, and the uplink sends it before going offline.
        builder.Services.AddSingleton<UplinkService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UplinkService>());
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());
        builder.Services.AddSingleton<DevicesService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DevicesService>());
        return builder.Build();
    }
}
