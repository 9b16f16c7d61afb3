using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeTwin.Models.Anomaly;
using EdgeTwin.Models.Rul;
using EdgeTwin.Simulator;
using EdgeTwin.Twin.Intelligence;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin bench models [--runs N] [--json FILE]</c>: what the twin's models cost per asset on this machine:
/// learning an anomaly model from 2 h of 1 Hz data of the simulated pump (fit, ONNX export and load, as the twin does
/// it), and the latency of one inference of that model and of the demo pump's RUL model (window preparation and the
/// ONNX Runtime run), median and 99th percentile.
/// </summary>
public static class ModelBenchmark
{
    /// <summary>Target median of one anomaly inference (µs).</summary>
    public const double AnomalyTargetMicroseconds = 200;

    /// <summary>Target median of one RUL inference (µs).</summary>
    public const double RulTargetMicroseconds = 1000;

    private static readonly string[] Features = ["pressure", "current", "vibration", "flow"];

    /// <summary>Creates <c>bench models</c>.</summary>
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Measured inferences per model", DefaultValueFactory = _ => 5000 };
        var json = new Option<string?>("--json") { Description = "Write the figures to this JSON file" };
        var command = new Command("models", "Model costs per asset: anomaly learning time for 2 h of 1 Hz data, anomaly and RUL inference latency") { runs, json };
        command.SetAction(async (parse, ct) =>
        {
            var report = Run(Math.Max(100, parse.GetValue(runs)));
            Console.Write(report.Table());
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Bench.BenchJson.Reports.ModelBenchmarkReport), ct).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Runs the measurements.</summary>
    public static ModelBenchmarkReport Run(int runs)
    {
        // Two hours of a healthy pump sampled once a second.
        var pump = new PumpModel(TimeSpan.FromDays(1000), seed: 7);
        var rows = new List<double[]>(7200);
        for (var s = 0; s < 7200; s++)
        {
            for (var k = 0; k < 10; k++)
            {
                pump.Step(TimeSpan.FromMilliseconds(100));
            }

            rows.Add([pump.Pressure, pump.Current, pump.Vibration, pump.Flow]);
        }

        var start = DateTimeOffset.UtcNow;
        var learn = Stopwatch.StartNew();
        var model = PcaAnomalyTrainer.Fit(Features, rows, AnomalyRunner.Options(Features, rows), start, start.AddHours(2));
        var export = PcaAnomalyExporter.Export(model, "bench-anomaly");
        using var scorer = OnnxAnomalyScorer.Create(export, "bench");
        learn.Stop();

        var window = new SampleWindow(scorer.Window, Features.Length);
        var input = new float[scorer.Window * Features.Length];
        var anomaly = Measure(runs, i =>
        {
            window.Push(rows[i % rows.Count]);
            if (window.IsFull)
            {
                window.CopyTo(input);
                scorer.Score(input);
            }
        }, warmUp: scorer.Window + 50);

        var models = Path.Combine(Path.GetTempPath(), "edgetwin-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var rul = RulPredictor.Load(Path.Combine(DemoCommand.ExtractModels(models), "rul-pump.onnx"));
            var p = rul.Properties.Count;
            var cycles = new SampleWindow(rul.Window, p);
            var rulInput = new float[rul.Window * p];
            var row = new double[p];
            var rulTimes = Measure(runs, i =>
            {
                for (var j = 0; j < p; j++)
                {
                    row[j] = rows[i % rows.Count][Math.Min(j, Features.Length - 1)];
                }

                cycles.Push(row);
                cycles.CopyPaddedTo(rulInput);
                rul.Predict(rulInput, 30);
            }, warmUp: 50);

            return new ModelBenchmarkReport(
                Environment.ProcessorCount,
                rows.Count,
                learn.Elapsed.TotalSeconds,
                scorer.Window,
                anomaly.Median,
                anomaly.P99,
                rul.Window,
                rulTimes.Median,
                rulTimes.P99,
                runs);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    private static (double Median, double P99) Measure(int runs, Action<int> once, int warmUp)
    {
        for (var i = 0; i < warmUp; i++)
        {
            once(i);
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var t = Stopwatch.GetTimestamp();
            once(warmUp + i);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }

        Array.Sort(times);
        return (times[runs / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.99) - 1)]);
    }
}

/// <summary>Figures of <c>edgetwin bench models</c>.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="LearningRows">Rows learned from (2 h at 1 Hz).</param>
/// <param name="LearningSeconds">Fit, export and load of the anomaly model.</param>
/// <param name="AnomalyWindow">Samples per anomaly inference.</param>
/// <param name="AnomalyMedianMicroseconds">Median anomaly inference.</param>
/// <param name="AnomalyP99Microseconds">99th percentile anomaly inference.</param>
/// <param name="RulWindow">Cycles per RUL inference.</param>
/// <param name="RulMedianMicroseconds">Median RUL inference (with interval and failure probability).</param>
/// <param name="RulP99Microseconds">99th percentile RUL inference.</param>
/// <param name="Runs">Measured inferences per model.</param>
public sealed record ModelBenchmarkReport(
    int Cores,
    int LearningRows,
    double LearningSeconds,
    int AnomalyWindow,
    double AnomalyMedianMicroseconds,
    double AnomalyP99Microseconds,
    int RulWindow,
    double RulMedianMicroseconds,
    double RulP99Microseconds,
    int Runs)
{
    /// <summary>The figures as a text table with the targets.</summary>
    public string Table()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"models bench on {Cores} cores, {Runs} inferences per model");
        s.AppendLine(c, $"{"MEASURE",-40} {"MEDIAN",10} {"P99",10} {"TARGET",10}");
        s.AppendLine(c, $"{"anomaly inference (window " + AnomalyWindow + ")",-40} {AnomalyMedianMicroseconds,7:0.0} µs {AnomalyP99Microseconds,7:0.0} µs {"≤ " + ModelBenchmark.AnomalyTargetMicroseconds + " µs",10}");
        s.AppendLine(c, $"{"RUL inference (window " + RulWindow + " cycles)",-40} {RulMedianMicroseconds,7:0.0} µs {RulP99Microseconds,7:0.0} µs {"≤ " + ModelBenchmark.RulTargetMicroseconds + " µs",10}");
        s.AppendLine(c, $"{"anomaly learning, " + LearningRows + " rows (2 h at 1 Hz)",-40} {LearningSeconds,8:0.00} s");
        return s.ToString();
    }
}
