using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// Pets systemd's watchdog (<c>WATCHDOG=1</c> every <c>WatchdogSec/2</c>) only while <see cref="WatchdogHealth"/> says
/// every loop makes progress. A stuck loop stops the pets, so systemd kills and restarts the service
/// (<c>Restart=on-failure</c>); the journal and <c>systemctl status</c> say which loop was stuck.
/// </summary>
public sealed partial class WatchdogService : BackgroundService
{
    private readonly Func<WatchdogVerdict> _check;
    private readonly WatchdogNotifier _notifier;
    private readonly WatchdogSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service; <paramref name="check"/> is usually <see cref="WatchdogHealth.Check"/>.</summary>
    public WatchdogService(Func<WatchdogVerdict> check, WatchdogNotifier notifier, WatchdogSettings settings, TimeProvider time, ILogger<WatchdogService> logger)
    {
        _check = check;
        _notifier = notifier;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Pets sent so far.</summary>
    public long Pets { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_settings.Interval is not { } interval || !_notifier.IsEnabled)
        {
            return;
        }

        Log.Armed(_logger, interval.TotalSeconds);
        string? problem = null;
        using var timer = new PeriodicTimer(interval, _time);
        do
        {
            var verdict = _check();
            if (verdict.Healthy)
            {
                if (problem is not null)
                {
                    Log.Recovered(_logger);
                    _notifier.Send("STATUS=running");
                    problem = null;
                }

                if (_notifier.Send("WATCHDOG=1"))
                {
                    Pets++;
                }
            }
            else if (problem is null)
            {
                problem = verdict.Problem ?? "a loop is stuck";
                Log.Stuck(_logger, problem);
                _notifier.Send("STATUS=stuck: " + problem);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "systemd watchdog armed: petting every {Seconds} s while every loop makes progress")]
        public static partial void Armed(ILogger logger, double seconds);

        [LoggerMessage(EventId = 801, Level = LogLevel.Critical, Message = "Watchdog: {Problem}; no longer petting systemd, which will restart the service")]
        public static partial void Stuck(ILogger logger, string problem);

        [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Watchdog: every loop makes progress again; petting systemd")]
        public static partial void Recovered(ILogger logger);
    }
}
