using System.CommandLine;
using System.Diagnostics;
using EdgeTwin.Modbus.Fuzzing;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>edgetwin fuzz modbus --iterations N</c>: random and mutated frames against the Modbus framers and codec.</summary>
public static class FuzzCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var iterations = new Option<long>("--iterations") { Description = "Inputs to try", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var modbus = new Command("modbus", "Fuzz the Modbus MBAP/RTU framers, codec and request handler") { iterations, seed };
        modbus.SetAction(parse =>
        {
            var total = parse.GetValue(iterations);
            var watch = Stopwatch.StartNew();
            ModbusFuzzReport? report = null;
            const long Chunk = 100_000;
            long done = 0, failures = 0;
            var s = parse.GetValue(seed);
            while (done < total)
            {
                var n = Math.Min(Chunk, total - done);
                report = ModbusFuzz.Run(n, s++);
                done += n;
                failures += report.Failures;
                Console.Error.Write($"\r{done:N0}/{total:N0} inputs, {failures} failures, {watch.Elapsed.TotalSeconds:0.0} s");
                if (report.Failures > 0)
                {
                    break;
                }
            }

            Console.Error.WriteLine();
            Console.WriteLine($"inputs {done:N0}  failures {failures}  time {watch.Elapsed.TotalSeconds:0.0} s  ({done / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)");
            if (report is { Failures: > 0 })
            {
                Console.WriteLine(report);
                return 1;
            }

            return 0;
        });
        return new Command("fuzz", "Fuzz decoders with random input (long-running; not part of the unit suite)") { modbus };
    }
}
