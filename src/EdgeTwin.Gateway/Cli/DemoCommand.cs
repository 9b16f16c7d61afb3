using System.CommandLine;
using System.Reflection;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Demo;
using EdgeTwin.Simulator;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>edgetwin demo</c>: a simulated plant, an embedded broker when none runs, and the daemon.</summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Configuration to run instead of the built-in demo configuration" };
        var lifetime = new Option<string>("--lifetime") { Description = "How long the simulated pump lasts before it fails", DefaultValueFactory = _ => "30m" };
        var command = new Command("demo", "Run a demo: simulated pump on Modbus TCP 127.0.0.1:5020, embedded MQTT broker, the gateway") { config, lifetime };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(lifetime);
            if (!Durations.TryParse(text, out var life))
            {
                Console.Error.WriteLine($"--lifetime: '{text}' is not a duration (e.g. 30m)");
                return GatewayCommands.ConfigErrorExit;
            }

            GatewayConfig gateway;
            try
            {
                gateway = parse.GetValue(config) is { } file ? ConfigLoader.Load(file) : ConfigLoader.Parse(BuiltInConfig(ExtractModels()), "demo.yaml (built in)");
            }
            catch (ConfigException ex)
            {
                foreach (var error in ex.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return GatewayCommands.ConfigErrorExit;
            }

            return await RunAsync(gateway, life, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Where the demo configuration names its models (relative to the repository root).</summary>
    public const string RepositoryModels = "config/models/";

    /// <summary>
    /// The demo configuration shipped inside the binary (config/demo.yaml); with <paramref name="modelDirectory"/>,
    /// its model paths point there instead of into the repository.
    /// </summary>
    public static string BuiltInConfig(string? modelDirectory = null)
    {
        var text = ReadResource();
        return modelDirectory is null ? text : text.Replace(RepositoryModels, modelDirectory.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes the demo's models (built into the binary, so that the demo runs from a package install without the
    /// repository) into <paramref name="directory"/> (default <c>data/demo-models</c> under the working directory, beside
    /// the demo's database); returns the folder.
    /// </summary>
    public static string ExtractModels(string? directory = null)
    {
        directory = Path.GetFullPath(directory ?? Path.Combine("data", "demo-models"));
        Directory.CreateDirectory(directory);
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("demo-models/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var path = Path.Combine(directory, name["demo-models/".Length..]);
            var temp = path + ".tmp";
            using (var file = File.Create(temp))
            {
                stream.CopyTo(file);
            }

            File.Move(temp, path, overwrite: true);
        }

        return directory;
    }

    private static string ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo.yaml")
            ?? throw new InvalidOperationException("demo.yaml resource missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<int> RunAsync(GatewayConfig gateway, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var modbusPort = gateway.Devices.FirstOrDefault(d => d.Modbus is not null)?.Modbus?.Port ?? 5020;
        await using var plant = new PumpPlant(modbusPort, pumps: 1, lifetime: lifetime);
        try
        {
            await plant.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            Console.Error.WriteLine($"demo: 127.0.0.1:{modbusPort} is already in use (is another demo running?): cannot start the simulated pump");
            return 1;
        }
        Console.WriteLine($"Simulated pump (Modbus TCP) on 127.0.0.1:{plant.Port}, unit 1; it wears out over {Durations.Format(lifetime)}.");

        EmbeddedBroker? broker = null;
        var mqtt = gateway.Mqtt;
        if (mqtt is not null && mqtt.Url.Scheme == "mqtt" && mqtt.Url.Host is "127.0.0.1" or "localhost")
        {
            var port = mqtt.Url.Port > 0 ? mqtt.Url.Port : 1883;
            if (await EmbeddedBroker.IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"Using the MQTT broker already listening on 127.0.0.1:{port}.");
            }
            else
            {
                broker = await EmbeddedBroker.StartAsync(port).ConfigureAwait(false);
                Console.WriteLine($"Started an embedded MQTT broker on 127.0.0.1:{port}.");
            }
        }

        try
        {
            var root = mqtt?.TopicRoot ?? "edgetwin/v1";
            Console.WriteLine($"Watch it:  mosquitto_sub -h 127.0.0.1 -V mqttv5 -t '{root.Split('/')[0]}/#' -v");
            Console.WriteLine($"           (telemetry on {root}/{gateway.Gateway.Id}/telemetry/#, twin on {root}/{gateway.Gateway.Id}/twin/#)");
            Console.WriteLine("Stop with Ctrl+C.");
            return await GatewayCommands.RunAsync(gateway, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (broker is not null)
            {
                await broker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
