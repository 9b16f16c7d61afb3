using EdgeTwin.Core.Sources;
using EdgeTwin.Gateway.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>
/// Runs one loop per device. Start-up waits (bounded) for every device's first cycle so that systemd is told READY
/// only when data flows. A loop that ends with an exception is logged and restarted; it never stops another device.
/// </summary>
public sealed partial class DevicesService : IHostedService, IAsyncDisposable
{
    /// <summary>Longest wait for the first cycle before start-up carries on (devices still retry in the background).</summary>
    public static readonly TimeSpan FirstCycleWait = TimeSpan.FromSeconds(10);

    private readonly GatewayRuntime _rt;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new();

    /// <summary>Creates the service.</summary>
    public DevicesService(GatewayRuntime runtime, ILogger<DevicesService> logger)
    {
        _rt = runtime;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in _rt.Sources)
        {
            _loops.Add(Task.Run(() => SuperviseAsync(source, _stop.Token), CancellationToken.None));
        }

        var first = _rt.FirstCycle.Task;
        var done = await Task.WhenAny(first, Task.Delay(FirstCycleWait, cancellationToken)).ConfigureAwait(false);
        if (done != first)
        {
            Log.FirstCycleLate(_logger, FirstCycleWait.TotalSeconds);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
        _rt.Channel.Complete();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var source in _rt.Sources)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task SuperviseAsync(IDeviceSource source, CancellationToken cancellationToken)
    {
        var id = _rt.Table.Devices[source.Device].Id;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await source.RunAsync(_rt.Channel, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A device loop must never die silently: log, mark offline, restart after a pause.
                Log.LoopCrashed(_logger, ex, id);
                source.Status.Offline(_rt.Time.GetUtcNow().UtcDateTime, "device loop failed: " + ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Device loop {Device} failed; restarting it in 5 s")]
        public static partial void LoopCrashed(ILogger logger, Exception exception, string device);

        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Not every device delivered a first cycle within {Seconds} s; starting anyway (they keep retrying)")]
        public static partial void FirstCycleLate(ILogger logger, double seconds);
    }
}
