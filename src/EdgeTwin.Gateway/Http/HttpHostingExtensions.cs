using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Metrics;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Http;

/// <summary>Registers the operator page, the HTTP API and the metrics.</summary>
public static class HttpHostingExtensions
{
    /// <summary>
    /// Adds the HTTP server (a hosted service, started where it is registered) unless <c>http.enabled</c> is false,
    /// and hooks the <see cref="LiveView"/> into the pipeline.
    /// </summary>
    public static IServiceCollection AddGatewayHttp(this IServiceCollection services, GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Http.Enabled)
        {
            return services;
        }

        services.TryAddSingleton<PipelineWork>();
        services.AddSingleton(sp =>
        {
            var view = new LiveView(sp.GetRequiredService<GatewayRuntime>(), sp.GetRequiredService<PipelineWork>());
            sp.GetRequiredService<PipelineService>().AfterApply += view.OnBatch;
            return view;
        });
        services.AddSingleton<Func<UplinkState?>>(sp =>
        {
            var uplink = sp.GetRequiredService<UplinkService>();
            return () => uplink.Uplink?.State;
        });
        services.AddSingleton(sp => new GatewayMetrics(
            sp.GetRequiredService<GatewayRuntime>(), sp.GetRequiredService<LiveView>(), sp.GetRequiredService<Func<UplinkState?>>()));
        services.AddSingleton(sp =>
        {
            var watchdog = sp.GetService<WatchdogHealth>();
            return new Readiness(sp.GetRequiredService<GatewayRuntime>(), watchdog is null ? null : watchdog.Check, sp.GetRequiredService<Func<UplinkState?>>());
        });
        services.AddSingleton(_ => HttpAccess.Create(config.Http));
        services.AddSingleton(_ => StaticFiles.Load());
        services.AddSingleton(sp => new HttpApi(
            sp.GetRequiredService<GatewayRuntime>(),
            sp.GetRequiredService<LiveView>(),
            sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<Readiness>(),
            sp.GetRequiredService<Func<UplinkState?>>(),
            sp.GetRequiredService<CommandRouter>(),
            sp.GetRequiredService<ILogger<HttpApi>>()));
        services.AddSingleton<HttpServerService>();
        services.AddHostedService(sp => sp.GetRequiredService<HttpServerService>());
        return services;
    }
}
