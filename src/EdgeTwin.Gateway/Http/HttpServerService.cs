using System.Net;
using EdgeTwin.Gateway.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// Runs Kestrel inside the daemon on <c>http.listen</c> (127.0.0.1:8080 by default) with the page, the API and the
/// metrics. It is an empty ASP.NET Core application (no configuration sources, no environment overrides): only
/// Kestrel, routing, the access check and the endpoints of <see cref="HttpApi"/>.
/// </summary>
public sealed partial class HttpServerService : IHostedService, IAsyncDisposable
{
    /// <summary>How long stopping waits for open requests.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1);

    private readonly HttpApi _api;
    private readonly HttpAccess _access;
    private readonly StaticFiles _files;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>Creates the service.</summary>
    public HttpServerService(HttpApi api, HttpAccess access, StaticFiles files, ILoggerFactory loggers)
    {
        _api = api;
        _access = access;
        _files = files;
        _loggers = loggers;
        _logger = loggers.CreateLogger<HttpServerService>();
        _api.Stopping = _stopping.Token;
    }

    /// <summary>The address the server listens on once started (the real port when configured with port 0).</summary>
    public Uri? Address { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(_loggers));
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = HttpApi.MaxBodyBytes;
            options.Limits.MaxConcurrentConnections = 128;
            options.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            if (_access.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                options.ListenLocalhost(_access.Port);
            }
            else
            {
                options.Listen(Resolve(_access.Host), _access.Port);
            }
        });

        var app = builder.Build();
        app.Use(_access.InvokeAsync);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && StaticFiles.IsStaticPath(request.Path.Value ?? "/")
                && await _files.TryServeAsync(context, request.Path.Value ?? "/").ConfigureAwait(false))
            {
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseRouting();
        _api.Map(app);
        app.MapFallback((HttpContext context) =>
            HttpApi.Error(StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Method} {context.Request.Path} (see /api/status)"));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Port taken or address not on this machine: acquisition and the uplink matter more than the page, so the
            // gateway carries on without HTTP and says so (probes of /healthz then fail, which is the alarm).
            Log.CannotListen(_logger, ex, _access.Host + ":" + _access.Port, ex.Message.TrimEnd('.'));
            await app.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Log.Listening(_logger, Address?.ToString() ?? _access.Host + ":" + _access.Port, _access.HasToken ? "with access token" : "loopback only, no token");
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        _stopping.Dispose();
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        // A host name: bind the first address it resolves to (synchronously: start-up only, before anything runs).
        var addresses = Dns.GetHostAddresses(host);
        return addresses.Length > 0 ? addresses[0] : throw new InvalidOperationException($"http.listen: host '{host}' has no address");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, Level = LogLevel.Information, Message = "Operator page and API on {Address} ({Access})")]
        public static partial void Listening(ILogger logger, string address, string access);

        [LoggerMessage(EventId = 911, Level = LogLevel.Error, Message = "HTTP server cannot listen on {Listen} ({Reason}); the gateway runs on without its page, API and metrics (change http.listen, or set http.enabled: false)")]
        public static partial void CannotListen(ILogger logger, Exception exception, string listen, string reason);
    }
}
