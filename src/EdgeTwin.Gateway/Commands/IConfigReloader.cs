namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// Restarts the gateway with its configuration file re-read, as SIGHUP does. Implemented by the process's reload
/// loop and handed to <see cref="Hosting.GatewayHost.Build"/>; without one, <c>reload-config</c> answers
/// not-supported. The caller has validated the file already.
/// </summary>
public interface IConfigReloader
{
    /// <summary>Schedules the reload; it happens after this returns (the running host is stopped and replaced).</summary>
    void RequestReload();
}
