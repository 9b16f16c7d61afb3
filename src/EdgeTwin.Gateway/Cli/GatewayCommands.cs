using System.CommandLine;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Storage;
using Microsoft.Extensions.Hosting;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>run</c> and <c>check-config</c>.</summary>
public static class GatewayCommands
{
    /// <summary>Exit code for configuration errors.</summary>
    public const int ConfigErrorExit = 2;

    /// <summary><c>edgetwin run --config FILE</c>: the daemon.</summary>
    public static Command Run()
    {
        var config = new Option<string>("--config", "-c") { Description = "Configuration file (YAML)", Required = true };
        var command = new Command("run", "Run the gateway daemon") { config };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(config);
            if (!TryLoad(path, out var loaded))
            {
                return ConfigErrorExit;
            }

            return await RunAsync(loaded, reloadPath: path).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary><c>edgetwin check-config FILE</c>: validate and print every error.</summary>
    public static Command CheckConfig()
    {
        var file = new Argument<string>("file") { Description = "Configuration file (YAML)" };
        var command = new Command("check-config", "Validate a configuration file: exit 0 when valid, 2 with every error listed") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            if (!TryLoad(path, out var loaded))
            {
                return ConfigErrorExit;
            }

            Console.WriteLine($"{path}: OK ({loaded.Devices.Count} devices, {loaded.Devices.Sum(d => d.Points.Count)} points, {loaded.Assets.Count} assets)");
            return 0;
        });
        return command;
    }

    /// <summary>Loads a configuration, printing every error to stderr.</summary>
    public static bool TryLoad(string path, out GatewayConfig config)
    {
        try
        {
            config = ConfigLoader.Load(path);
            return true;
        }
        catch (ConfigException ex)
        {
            foreach (var error in ex.Errors)
            {
                Console.Error.WriteLine(error);
            }

            config = null!;
            return false;
        }
    }

    /// <summary>
    /// Runs the daemon until SIGTERM/SIGINT; SIGHUP reloads <paramref name="reloadPath"/> (validated first, see
    /// <see cref="ReloadLoop"/>). Exits 0 on SIGTERM/SIGINT, 1 when the gateway stopped by itself.
    /// </summary>
    public static async Task<int> RunAsync(GatewayConfig config, CancellationToken cancellationToken = default, string? reloadPath = null)
    {
        using var loop = new ReloadLoop(reloadPath, (c, reloader) => GatewayHost.Build(c, reloader: reloader), WatchdogNotifier.Process);
        try
        {
            return await loop.RunAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException ex)
        {
            Console.Error.WriteLine($"{config.SourceFile}: {ex.Message}");
            return ConfigErrorExit;
        }
        catch (StoreInUseException ex)
        {
            // Not a configuration error: the same configuration starts once the other process has stopped (systemd
            // restarts the service after a failure exit).
            Console.Error.WriteLine($"{config.SourceFile}: {ex.Message}");
            return ReloadLoop.FailureExit;
        }
    }
}
