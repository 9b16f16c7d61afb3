using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Http.Json;
using EdgeTwin.Gateway.Metrics;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// The gateway's HTTP endpoints: health (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>), the JSON API under
/// <c>/api</c>, the live event stream and the actions (acknowledge, simulate). Reads come from the
/// <see cref="LiveView"/> and the thread-safe status objects; history is copied on the pipeline thread through
/// <see cref="PipelineWork"/>; acknowledging goes through the <see cref="CommandRouter"/> like every command.
/// </summary>
public sealed partial class HttpApi
{
    /// <summary>Longest wait for the pipeline thread to take a request.</summary>
    public static readonly TimeSpan PipelineTimeout = TimeSpan.FromSeconds(5);

    private readonly GatewayRuntime _rt;
    private readonly LiveView _view;
    private readonly GatewayMetrics _metrics;
    private readonly Readiness _readiness;
    private readonly Func<UplinkState?> _uplink;
    private readonly CommandRouter _commands;
    private readonly ILogger _logger;

    /// <summary>Creates the API over the running gateway.</summary>
    public HttpApi(
        GatewayRuntime runtime, LiveView view, GatewayMetrics metrics, Readiness readiness, Func<UplinkState?> uplink, CommandRouter commands,
        ILogger<HttpApi> logger)
    {
        _rt = runtime;
        _view = view;
        _metrics = metrics;
        _readiness = readiness;
        _uplink = uplink;
        _commands = commands;
        _logger = logger;
    }

    /// <summary>Cancelled when the server stops (ends the event streams).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Maps every endpoint onto <paramref name="app"/>.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", Healthz);
        app.MapGet("/readyz", Readyz);
        app.MapGet("/metrics", MetricsAsync);
        app.MapGet("/api/status", StatusAsync);
        app.MapGet("/api/devices", Devices);
        app.MapGet("/api/points", PointsAsync);
        app.MapGet("/api/assets", AssetsAsync);
        app.MapGet("/api/assets/{id}", AssetAsync);
        app.MapGet("/api/history", StoredHistory);
        app.MapGet("/api/alarms", AlarmsAsync);
        app.MapGet("/api/events", EventsAsync);
        app.MapPost("/api/alarms/{asset}/{alarm}/ack", AcknowledgeAsync);
        app.MapPost("/api/assets/{id}/simulate", SimulateAsync);
        app.MapPost("/api/assets/{id}/learn", LearnAsync);
        app.MapPost("/api/assets/{id}/optimize", OptimizeAsync);
        app.MapPost("/api/groups/{name}/optimize", OptimizeGroupAsync);
        app.MapGet("/api/capacity", CapacityAsync);
        app.MapPost("/api/assets/{id}/capacity", CapacityWhatIfAsync);
        app.MapGet("/api/maintenance", MaintenanceAsync);
        app.MapPost("/api/maintenance/{asset}/ack", MaintenanceAckAsync);
        app.MapPost("/api/maintenance/{asset}/close", MaintenanceCloseAsync);
    }

    /// <summary>A JSON response with <paramref name="status"/>.</summary>
    internal static IResult Json(byte[] body, int status = StatusCodes.Status200OK) =>
        new JsonResult(body, status);

    /// <summary><c>{"error":"..."}</c> with <paramref name="status"/>.</summary>
    internal static IResult Error(int status, string message) => Json(ApiJson.Error(message), status);

    private DateTime Now => _rt.Time.GetUtcNow().UtcDateTime;

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Alarm {Alarm} acknowledged over HTTP by {By}")]
        public static partial void Acknowledged(ILogger logger, string alarm, string by);

        [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "HTTP request could not reach the pipeline thread: {Reason}")]
        public static partial void PipelineBusy(ILogger logger, string reason);

        [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "What-if for {Asset} over {Horizon} requested over HTTP")]
        public static partial void Simulating(ILogger logger, string asset, string horizon);
    }
}
