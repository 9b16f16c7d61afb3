using System.Runtime.InteropServices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// Runs the gateway's host until SIGTERM or SIGINT, and reloads the configuration on SIGHUP: the file is validated
/// first, and a bad one keeps the running configuration (every error is logged as <c>FILE:LINE:COL: key: message</c>);
/// a good one stops the host (devices, pipeline flush, uplink, as on SIGTERM) and starts a new one with it, in the
/// same process. systemd hears <c>RELOADING=1</c> and then <c>READY=1</c> when the new host is up. A new configuration
/// whose host cannot start (a device without a driver, an unopenable store) is logged and the previous one restarted.
/// The <c>reload-config</c> command reaches the same path through <see cref="IConfigReloader"/>.
/// </summary>
public sealed partial class ReloadLoop : IConfigReloader, IDisposable
{
    /// <summary>Exit code when the gateway stopped by itself (a fatal error), so that systemd restarts it.</summary>
    public const int FailureExit = 1;

    private readonly string? _path;
    private readonly Func<GatewayConfig, IConfigReloader?, IHost> _build;
    private readonly WatchdogNotifier _notifier;
    private readonly SemaphoreSlim _hangUps = new(0);
    private volatile bool _terminating;
    private volatile IHostApplicationLifetime? _current;

    /// <summary>
    /// Creates the loop. <paramref name="configPath"/> is the file SIGHUP reloads (null: a built-in configuration,
    /// nothing to reload); <paramref name="build"/> builds a host for a validated configuration, handing it this loop as
    /// its <see cref="IConfigReloader"/> (null when there is no file to reload).
    /// </summary>
    public ReloadLoop(string? configPath, Func<GatewayConfig, IConfigReloader?, IHost> build, WatchdogNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(notifier);
        _path = configPath;
        _build = build;
        _notifier = notifier;
    }

    /// <summary>Configurations applied by SIGHUP so far.</summary>
    public int Reloads { get; private set; }

    /// <summary>
    /// Runs <paramref name="config"/> until SIGTERM/SIGINT (exit 0) or a fatal error (<see cref="FailureExit"/>).
    /// When the first host cannot start, the exception propagates as it would without reloads.
    /// </summary>
    public async Task<int> RunAsync(GatewayConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangUp);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnTerminate);

        var current = config;
        GatewayConfig? previous = null;
        while (true)
        {
            ReleaseLoadingMemory();
            var host = _build(current, _path is null ? null : this);
            try
            {
                var logger = host.Services.GetRequiredService<ILogger<ReloadLoop>>();
                try
                {
                    _current = host.Services.GetRequiredService<IHostApplicationLifetime>();
                    await host.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_terminating || cancellationToken.IsCancellationRequested)
                {
                    // SIGTERM or the caller's cancellation while the host was starting: a stop, not a failure.
                    // Not a reload any more: the stopping host's STOPPING=1 goes to systemd.
                    Log.StoppedWhileStarting(logger);
                    _notifier.CancelReload();
                    await StopQuietlyAsync(host).ConfigureAwait(false);
                    return 0;
                }
                catch (Exception ex) when (previous is not null && ex is not OperationCanceledException)
                {
                    Log.NewConfigFailed(logger, ex, ex.Message);
                    await StopQuietlyAsync(host).ConfigureAwait(false);
                    (current, previous) = (previous, null);
                    continue;
                }

                if (previous is not null)
                {
                    Reloads++;
                    Log.Reloaded(logger, _path ?? "?", current.Gateway.Id, current.Devices.Count, current.Devices.Sum(d => d.Points.Count), current.Assets.Count);
                }

                var next = await RunUntilStopOrReloadAsync(host, logger, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    if (_terminating || cancellationToken.IsCancellationRequested)
                    {
                        return 0;
                    }

                    Log.StoppedByItself(logger);
                    return FailureExit;
                }

                (current, previous) = (next, current);
            }
            finally
            {
                _current = null;
                if (host is IAsyncDisposable asyncHost)
                {
                    await asyncHost.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    host.Dispose();
                }
            }

            if (_terminating)
            {
                _notifier.CancelReload();
                return 0;
            }
        }
    }

    /// <summary>
    /// Collects and returns to the system what reading the configuration (and, on a reload, the stopped host) left:
    /// the YAML document tree of a configuration file takes about 60 times the file while it is read (200 MB for a
    /// file with 50,000 points), survives long enough to be promoted to the oldest generation, and would otherwise
    /// keep the heap that large until the collector next looks there, minutes later under a steady load.
    /// </summary>
    private static void ReleaseLoadingMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Asks for a reload as SIGHUP does: the file is validated again and applied when valid.</summary>
    public void RequestReload() => _hangUps.Release();

    /// <inheritdoc />
    public void Dispose() => _hangUps.Dispose();

    /// <summary>Waits for the host to stop (null) or for a SIGHUP with a valid file (its configuration, host stopped).</summary>
    private async Task<GatewayConfig?> RunUntilStopOrReloadAsync(IHost host, ILogger logger, CancellationToken cancellationToken)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        if (_terminating)
        {
            lifetime.StopApplication();
        }

        var shutdown = host.WaitForShutdownAsync(cancellationToken);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var hangUp = _hangUps.WaitAsync(stopWaiting.Token);
                if (await Task.WhenAny(shutdown, hangUp).ConfigureAwait(false) == shutdown || hangUp.IsCanceled)
                {
                    // Cancelling the token also stops the host: the shutdown follows the cancelled wait.
                    await shutdown.ConfigureAwait(false);
                    return null;
                }

                await hangUp.ConfigureAwait(false);
                while (_hangUps.CurrentCount > 0)
                {
                    await _hangUps.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                if (TryValidate(logger) is not { } next)
                {
                    continue;
                }

                _notifier.BeginReload();
                lifetime.StopApplication();
                await shutdown.ConfigureAwait(false);
                return next;
            }
        }
        finally
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Loads and validates the file again; logs every error and returns null when it is not valid.</summary>
    private GatewayConfig? TryValidate(ILogger logger)
    {
        if (_path is null)
        {
            Log.NothingToReload(logger);
            return null;
        }

        Log.Reloading(logger, _path);
        try
        {
            return ConfigLoader.Load(_path);
        }
        catch (ConfigException ex)
        {
            Log.Rejected(logger, _path, ex.Errors.Count);
            foreach (var error in ex.Errors)
            {
                Log.ConfigError(logger, error.ToString());
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Rejected(logger, _path, 1);
            Log.ConfigError(logger, $"{_path}: {ex.Message}");
        }

        return null;
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(GatewayHost.ShutdownTimeout);
        try
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The host never fully started; what did start is disposed with it.
        }
    }

    private void OnHangUp(PosixSignalContext context)
    {
        // SIGHUP's default action ends the process: here it asks for a reload instead.
        context.Cancel = true;
        _hangUps.Release();
    }

    private void OnTerminate(PosixSignalContext context)
    {
        // The running host's lifetime stops it; this covers a signal that lands between two hosts during a reload.
        _terminating = true;
        context.Cancel = true;
        _current?.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "SIGHUP: validating {Path} before reloading")]
        public static partial void Reloading(ILogger logger, string path);

        [LoggerMessage(EventId = 811, Level = LogLevel.Error, Message = "SIGHUP: {Path} has {Count} error(s); the running configuration stays in force")]
        public static partial void Rejected(ILogger logger, string path, int count);

        [LoggerMessage(EventId = 812, Level = LogLevel.Error, Message = "{Error}")]
        public static partial void ConfigError(ILogger logger, string error);

        [LoggerMessage(EventId = 813, Level = LogLevel.Information, Message = "Configuration reloaded from {Path}: gateway {Gateway}, {Devices} devices, {Points} points, {Assets} assets")]
        public static partial void Reloaded(ILogger logger, string path, string gateway, int devices, int points, int assets);

        [LoggerMessage(EventId = 814, Level = LogLevel.Warning, Message = "SIGHUP ignored: this gateway runs a built-in configuration, not a file")]
        public static partial void NothingToReload(ILogger logger);

        [LoggerMessage(EventId = 815, Level = LogLevel.Error, Message = "The new configuration could not start ({Message}); going back to the previous one")]
        public static partial void NewConfigFailed(ILogger logger, Exception exception, string message);

        [LoggerMessage(EventId = 816, Level = LogLevel.Critical, Message = "The gateway stopped by itself (not on SIGTERM or SIGINT); exiting with failure so that systemd restarts it")]
        public static partial void StoppedByItself(ILogger logger);

        [LoggerMessage(EventId = 817, Level = LogLevel.Information, Message = "Stopped while starting (SIGTERM, SIGINT or cancellation); the host's started services are stopped")]
        public static partial void StoppedWhileStarting(ILogger logger);
    }
}
