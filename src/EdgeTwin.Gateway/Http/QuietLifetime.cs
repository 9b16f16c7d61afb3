using Microsoft.Extensions.Hosting;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// The embedded web application's lifetime: it neither listens for Ctrl+C/SIGTERM nor announces itself; the gateway's
/// host owns the process's signals and starts and stops the web application as one of its services.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
