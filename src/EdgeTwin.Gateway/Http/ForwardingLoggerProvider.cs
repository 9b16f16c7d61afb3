using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// Hands the embedded web application's loggers over to the gateway's own logger factory, so its messages go to the
/// same sinks (console, journal) under the web application's own filters.
/// </summary>
internal sealed class ForwardingLoggerProvider : ILoggerProvider
{
    private readonly ILoggerFactory _target;

    public ForwardingLoggerProvider(ILoggerFactory target) => _target = target;

    public ILogger CreateLogger(string categoryName) => _target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target belongs to the gateway's host.
    }
}
