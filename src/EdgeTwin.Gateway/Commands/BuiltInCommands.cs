using System.Text.Json;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Pipeline;

namespace EdgeTwin.Gateway.Commands;

/// <summary><c>ping</c>, <c>status</c> and <c>reload-config</c>.</summary>
public sealed class BuiltInCommands : ICommandModule
{
    private readonly GatewayRuntime _rt;
    private readonly StatusReport _status;
    private readonly IConfigReloader? _reloader;

    /// <summary>Creates the module; <paramref name="reloader"/> null makes reload-config answer not-supported.</summary>
    public BuiltInCommands(GatewayRuntime runtime, StatusReport status, IConfigReloader? reloader = null)
    {
        _rt = runtime;
        _status = status;
        _reloader = reloader;
    }

    /// <inheritdoc />
    public void Register(CommandRouter router)
    {
        router.Register("ping", "Answers at once: gateway id, version, uptime and the commands it knows.", (context, _) =>
            ValueTask.FromResult(CommandResult.Of(w =>
            {
                w.WriteBoolean("pong", true);
                w.WriteString("gateway", _rt.Config.Gateway.Id);
                w.WriteString("version", StatusReport.Version);
                w.WriteNumber("uptimeSeconds", Math.Round((context.Received - _rt.Started).TotalSeconds, 1));
                w.WriteStartArray("commands");
                foreach (var name in router.Names)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            })));

        router.Register("status", "The gateway's status report (as on the status topic).", (_, _) =>
        {
            var report = _status.Build(online: true);
            return ValueTask.FromResult(CommandResult.Of(w =>
            {
                w.WritePropertyName("status");
                w.WriteRawValue(report, skipInputValidation: true);
            }));
        });

        router.Register("reload-config", "Validates the configuration file again and, when valid, restarts the gateway with it.", (_, _) => ValueTask.FromResult(Reload()));
    }

    private CommandResult Reload()
    {
        if (_rt.Config.SourceFile is not { } file)
        {
            throw new CommandException("not-supported", "this gateway runs a built-in configuration; there is no file to reload");
        }

        try
        {
            ConfigLoader.Load(file);
        }
        catch (ConfigException ex)
        {
            var shown = ex.Errors.Take(10).Select(e => e.ToString());
            throw new CommandException("invalid-config", $"{file} has {ex.Errors.Count} error(s); the running configuration stays: {string.Join("; ", shown)}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException("invalid-config", $"{file} cannot be read ({ex.Message}); the running configuration stays");
        }

        if (_reloader is null)
        {
            throw new CommandException("not-supported", $"{file} is valid, but this process cannot reload in place; send SIGHUP (systemctl reload edgetwin) or restart it");
        }

        _reloader.RequestReload();
        return CommandResult.Of(w =>
        {
            w.WriteBoolean("reloading", true);
            w.WriteString("file", file);
        });
    }
}
