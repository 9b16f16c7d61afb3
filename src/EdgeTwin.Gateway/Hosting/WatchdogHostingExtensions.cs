using System.Globalization;
using EdgeTwin.Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Registers the systemd side of the gateway: notify, journal log format and the watchdog.</summary>
public static class WatchdogHostingExtensions
{
    /// <summary>
    /// Adds the watchdog (<see cref="WatchdogService"/> over <see cref="WatchdogHealth"/>) and makes the systemd
    /// integration hold under the unit's hardening. <c>AddSystemd()</c> recognises systemd by reading the parent
    /// process's <c>/proc/PID/comm</c>, which <c>ProtectProc=invisible</c> hides; here the notify socket switches on
    /// <c>READY=1</c>/<c>STOPPING=1</c> (through the reload-aware <paramref name="notifier"/>), and systemd's own
    /// <c>SYSTEMD_EXEC_PID</c> switches the console log to the journal format with <c>&lt;N&gt;</c> priority prefixes.
    /// Call it after logging is configured, so that the journal format wins over a simple console formatter.
    /// </summary>
    public static IServiceCollection AddGatewayWatchdog(this IServiceCollection services, WatchdogNotifier? notifier = null, WatchdogSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        notifier ??= WatchdogNotifier.Process;
        settings ??= WatchdogSettings.FromProcess();
        services.AddSingleton(notifier);
        services.AddSingleton(settings);
        if (notifier.IsEnabled)
        {
            services.AddSingleton<ISystemdNotifier>(notifier);
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        if (RunsUnderSystemd())
        {
            services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Systemd);
        }

        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<GatewayRuntime>();
            var pipeline = sp.GetRequiredService<PipelineService>();
            var devices = runtime.Sources.Select(s => new WatchdogDevice(runtime.Table.Devices[s.Device], s.Status)).ToArray();
            return new WatchdogHealth(devices, () => pipeline.LastBeat, runtime.Time, sp.GetRequiredService<WatchdogSettings>());
        });
        services.AddHostedService(sp => new WatchdogService(
            sp.GetRequiredService<WatchdogHealth>().Check,
            sp.GetRequiredService<WatchdogNotifier>(),
            sp.GetRequiredService<WatchdogSettings>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<WatchdogService>>()));
        return services;
    }

    /// <summary>True when systemd started this very process (its stdout and stderr then go to the journal).</summary>
    public static bool RunsUnderSystemd()
    {
        var execPid = Environment.GetEnvironmentVariable("SYSTEMD_EXEC_PID");
        if (int.TryParse(execPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return pid == Environment.ProcessId;
        }

        return SystemdHelpers.IsSystemdService();
    }
}
