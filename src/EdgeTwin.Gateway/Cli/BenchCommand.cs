using System.CommandLine;
using System.Text.Json;
using EdgeTwin.Acquisition.Modbus;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>edgetwin bench</c>: measured figures, printed as a table and written as JSON.</summary>
public static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var points = new Option<int>("--points") { Description = "Points polled per cycle", DefaultValueFactory = _ => 10_000 };
        var cycles = new Option<int>("--cycles") { Description = "Measured cycles", DefaultValueFactory = _ => 200 };
        var json = new Option<string?>("--json") { Description = "Write the figures to this JSON file" };
        var pipeline = new Option<int>("--pipeline") { Description = "Read requests outstanding on the connection (the device setting pipeline)", DefaultValueFactory = _ => 1 };
        var inProcess = new Option<bool>("--in-process") { Description = "Run the server in this process (its CPU is then counted too)" };
        var modbus = new Command("modbus", "Modbus poll cycle: gateway CPU and allocations per cycle for N points against a fast local server (in a child process)") { points, cycles, pipeline, json, inProcess };
        modbus.SetAction(async (parse, ct) =>
        {
            var options = new ModbusPollBenchmarkOptions { Points = parse.GetValue(points), Cycles = parse.GetValue(cycles), Pipeline = parse.GetValue(pipeline) };
            System.Diagnostics.Process? server = null;
            if (!parse.GetValue(inProcess))
            {
                (server, var port) = await ModbusBenchServer.StartAsync(ct).ConfigureAwait(false);
                options = options with { Host = "127.0.0.1", Port = port };
            }

            ModbusPollBenchmarkReport report;
            try
            {
                report = await ModbusPollBenchmark.RunAsync(options, ct).ConfigureAwait(false);
            }
            finally
            {
                if (server is not null)
                {
                    ModbusBenchServer.Stop(server);
                }
            }

            Console.WriteLine(report);
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Bench.BenchJson.Reports.ModbusPollBenchmarkReport), ct).ConfigureAwait(false);
            }

            return 0;
        });
        return new Command("bench", "Benchmarks that print measured figures")
        {
            modbus, ModbusBenchServer.CreateCommand(), ModelBenchmark.Create(), Bench.OutboxBenchmarks.Outbox(), Bench.OutboxBenchmarks.Drain(),
            Bench.EndToEndBenchmark.Create(), Bench.StartupBenchmark.Create(), Bench.SoakBenchmark.Create(), Bench.AllBenchmarks.Create(), OpcUaBenchmark.Create(), Bench.OpcUaPeer.BenchUaServerCommand.Create(),
        };
    }
}
