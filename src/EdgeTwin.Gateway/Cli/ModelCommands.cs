using System.CommandLine;
using System.Globalization;
using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Rul;
using EdgeTwin.Models.Skab;

namespace EdgeTwin.Gateway.Cli;

/// <summary><c>edgetwin model train rul</c>, <c>edgetwin eval skab</c>, <c>edgetwin eval cmapss</c>.</summary>
public static class ModelCommands
{
    /// <summary><c>model train rul --data FILE --out DIR [--cycle 10s] [--name NAME] [--folds N]</c> and <c>model pump-runs</c>.</summary>
    public static Command Model()
    {
        var data = new Option<string>("--data") { Description = "Run-to-failure history: C-MAPSS text (unit cycle 3 settings 21 sensors) or EdgeTwin history CSV (run,time,property,...; with --cycle)", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the .onnx model, its .json manifest and the .md training report", Required = true };
        var name = new Option<string>("--name") { Description = "Model name", DefaultValueFactory = _ => "rul-model" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds by unit (0 = none)", DefaultValueFactory = _ => 0 };
        var cycle = new Option<string?>("--cycle") { Description = "History CSV only: cycle length the samples are averaged over (e.g. 10s); the twin predicts once per cycle" };
        var rul = new Command("rul", "Train a remaining-useful-life regressor (gradient-boosted trees) and write it as ONNX") { data, output, name, folds, cycle };
        rul.SetAction(parse => Guard(() =>
        {
            var file = parse.GetRequiredValue(data);
            Console.WriteLine($"Training on {file} ...");
            var history = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            var cycleText = parse.GetValue(cycle);
            if (history && cycleText is null)
            {
                throw new ArgumentException("--cycle: a history CSV needs the cycle length its samples are averaged over (e.g. --cycle 10s)");
            }

            if (!history && cycleText is not null)
            {
                throw new ArgumentException("--cycle applies to history CSV files (run,time,...) only; C-MAPSS data is already in cycles");
            }

            var (onnx, manifest, report, summary) = history
                ? RulTrainingPipeline.RunHistory(file, ParseCycle(cycleText!), parse.GetRequiredValue(output), parse.GetValue(name)!, null, parse.GetValue(folds))
                : RulTrainingPipeline.Run(file, parse.GetRequiredValue(output), parse.GetValue(name)!, null, parse.GetValue(folds));
            Console.WriteLine($"model:    {onnx} ({new FileInfo(onnx).Length / 1024} KB)");
            Console.WriteLine($"manifest: {manifest}");
            Console.WriteLine($"report:   {report}");
            Console.WriteLine(summary.ToString());
        }));
        var train = new Command("train", "Train a model from history") { rul };

        var runsOut = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var runs = new Option<int>("--runs") { Description = "Number of run-to-failure histories", DefaultValueFactory = _ => 30 };
        var lifetime = new Option<string>("--lifetime") { Description = "Nominal life of the simulated pump (each run ±20 %)", DefaultValueFactory = _ => "30m" };
        var sample = new Option<string>("--sample") { Description = "Sample interval (the demo polls every 500ms)", DefaultValueFactory = _ => "500ms" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var pumpRuns = new Command("pump-runs", "Write run-to-failure histories of the simulated pump as EdgeTwin history CSV (training data for the demo's RUL model)") { runsOut, runs, lifetime, sample, seed };
        pumpRuns.SetAction(parse => Guard(() =>
        {
            var path = parse.GetRequiredValue(runsOut);
            using var writer = new StreamWriter(path);
            var rows = Simulator.PumpRuns.Write(writer, parse.GetValue(runs), ParseDuration("--lifetime", parse.GetValue(lifetime)!), ParseDuration("--sample", parse.GetValue(sample)!), parse.GetValue(seed));
            Console.WriteLine($"{path}: {parse.GetValue(runs)} runs, {rows} rows");
        }));
        return new Command("model", "Model tools") { train, pumpRuns };
    }

    private static TimeSpan ParseCycle(string text) => ParseDuration("--cycle", text);

    private static TimeSpan ParseDuration(string option, string text) =>
        Configuration.Durations.TryParse(text, out var d) && d > TimeSpan.Zero ? d : throw new ArgumentException($"{option}: '{text}' is not a duration (e.g. 10s)");

    /// <summary><c>eval skab DIR</c> and <c>eval cmapss --model F --test F --rul F</c>.</summary>
    public static Command Eval()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of SKAB CSV files (searched recursively)" };
        var skab = new Command("skab", "Learn on each file's first 400 rows, score the rest; print point-wise F1, FAR, MAR per file, per half (a/b by a hash of the file name) and in total") { dir };
        skab.SetAction(parse => Guard(() =>
        {
            var report = SkabEvaluator.EvaluateDirectory(parse.GetRequiredValue(dir));
            Console.WriteLine($"{"file",-28} {"F1",6} {"FAR %",7} {"MAR %",7}");
            foreach (var f in report.Files)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Name,-28} {f.Counts.F1,6:F3} {f.Counts.FalseAlarmRate,7:F2} {f.Counts.MissedAlarmRate,7:F2}"));
            }

            foreach (var half in new[] { 'a', 'b' })
            {
                var part = report.Where(name => SkabReport.HalfOf(name) == half);
                var h = part.Total;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"half " + half + " (" + part.Files.Count + " files)",-28} {h.F1,6:F3} {h.FalseAlarmRate,7:F2} {h.MissedAlarmRate,7:F2}"));
            }

            var t = report.Total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"TOTAL (" + report.Files.Count + " files)",-28} {t.F1,6:F3} {t.FalseAlarmRate,7:F2} {t.MissedAlarmRate,7:F2}"));
        }));

        var model = new Option<string>("--model") { Description = "RUL model (.onnx with its .json manifest)", Required = true };
        var test = new Option<string>("--test") { Description = "test_FD00x.txt", Required = true };
        var truth = new Option<string>("--rul") { Description = "RUL_FD00x.txt", Required = true };
        var cmapss = new Command("cmapss", "Evaluate a RUL model on a C-MAPSS test set: RMSE and the NASA score") { model, test, truth };
        cmapss.SetAction(parse => Guard(() =>
        {
            using var predictor = RulPredictor.Load(parse.GetRequiredValue(model));
            var units = CmapssReader.ReadTrajectories(parse.GetRequiredValue(test));
            var rul = CmapssReader.ReadRul(parse.GetRequiredValue(truth));
            var metrics = RulEvaluator.EvaluateTest(predictor, units, rul);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"units {metrics.Count}  RMSE {metrics.Rmse:F2}  NASA score {metrics.NasaScore:F1}  mean error {metrics.MeanError:F2}"));
        }));
        return new Command("eval", "Evaluate models on public datasets") { skab, cmapss };
    }

    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception ex) when (ex is ModelException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
