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
        var modbus = new Command("modbus", "Modbus poll cycle: gateway CPU and allocations per cycle for N points against a fast local server") { points, cycles, json };
        modbus.SetAction(async (parse, ct) =>
        {
            var report = await ModbusPollBenchmark.RunAsync(new ModbusPollBenchmarkOptions { Points = parse.GetValue(points), Cycles = parse.GetValue(cycles) }, ct).ConfigureAwait(false);
            Console.WriteLine(report);
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), ct).ConfigureAwait(false);
            }

            return 0;
        });
        return new Command("bench", "Benchmarks that print measured figures") { modbus, ModelBenchmark.Create() };
    }
}
