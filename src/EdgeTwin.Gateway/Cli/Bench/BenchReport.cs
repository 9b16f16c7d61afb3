using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>One measured figure of a benchmark.</summary>
/// <param name="Measure">What was measured.</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Target">The target as text (e.g. "≥ 100000"), or null.</param>
/// <param name="Met">Whether the target is met, or null without a target.</param>
public sealed record BenchRow(string Measure, double Value, string Unit, string? Target = null, bool? Met = null)
{
    /// <summary>A row with an upper limit as target.</summary>
    public static BenchRow AtMost(string measure, double value, string unit, double limit) =>
        new(measure, value, unit, "≤ " + Format(limit), value <= limit);

    /// <summary>A row with a lower limit as target.</summary>
    public static BenchRow AtLeast(string measure, double value, string unit, double limit) =>
        new(measure, value, unit, "≥ " + Format(limit), value >= limit);

    /// <summary>A number as the table prints it.</summary>
    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 1000 or <= -1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 or <= -100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

/// <summary>The figures of one benchmark (a scenario, a command).</summary>
/// <param name="Name">Short name (e.g. "e2e s2").</param>
/// <param name="Description">What ran.</param>
/// <param name="Rows">The figures.</param>
public sealed record BenchSection(string Name, string Description, IReadOnlyList<BenchRow> Rows)
{
    /// <summary>Extra series (e.g. the soak's samples per minute), written to JSON only.</summary>
    public IReadOnlyDictionary<string, double[]>? Series { get; init; }

    /// <summary>Set when the benchmark failed: why.</summary>
    public string? Error { get; init; }
}

/// <summary>The machine a benchmark ran on (load average matters: other work may share the cores).</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Cpu">CPU model from /proc/cpuinfo.</param>
/// <param name="MemoryMb">Total memory.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">.NET runtime, and whether this build is compiled just in time or ahead of time.</param>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages when the report was written.</param>
/// <param name="Time">When (UTC).</param>
public sealed record BenchMachine(int Cores, string Cpu, long MemoryMb, string Os, string Runtime, string LoadAverage, DateTime Time)
{
    /// <summary>This machine, now.</summary>
    public static BenchMachine Current()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } m
            ? long.Parse(m.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) : 0;
        var load = ReadLines("/proc/loadavg").FirstOrDefault() is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "n/a";
        // The benchmarks start the daemon as this very program, so this also says which build they measured, and
        // with which collector: the daemon's memory under load depends on it (tests/bench/PERFORMANCE-LOG.md).
        var runtime = RuntimeInformation.FrameworkDescription + (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? " (JIT" : " (Native AOT")
            + (System.Runtime.GCSettings.IsServerGC ? ", server GC" : ", workstation GC")
            + (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? ", no background collections)" : ", background collections)");
        return new BenchMachine(Environment.ProcessorCount, cpu, memKb / 1024, RuntimeInformation.OSDescription, runtime, load, DateTime.UtcNow);
    }

    /// <summary>One line for the table's header.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cores} cores ({Cpu}), {MemoryMb} MB, {Os}, {Runtime}, load average {LoadAverage}, {Time:yyyy-MM-dd HH:mm}Z");

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}

/// <summary>Prints benchmark sections as a table and writes them as JSON (shared by every <c>edgetwin bench</c> command).</summary>
public static class BenchReport
{
    /// <summary>The sections as a text table.</summary>
    public static string Table(IEnumerable<BenchSection> sections, BenchMachine machine)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"machine: {machine}");
        foreach (var section in sections)
        {
            text.AppendLine();
            text.AppendLine(c, $"== {section.Name}: {section.Description}");
            if (section.Error is { } error)
            {
                text.AppendLine(c, $"   FAILED: {error}");
            }

            if (section.Rows.Count == 0)
            {
                continue;
            }

            var width = Math.Max(30, section.Rows.Max(r => r.Measure.Length));
            text.AppendLine(c, $"   {"MEASURE".PadRight(width)} {"VALUE",14} {"UNIT",-12} {"TARGET",-14} MET");
            foreach (var row in section.Rows)
            {
                var met = row.Met switch { true => "yes", false => "NO", null => "" };
                text.AppendLine(c, $"   {row.Measure.PadRight(width)} {BenchRow.Format(row.Value),14} {row.Unit,-12} {row.Target ?? "",-14} {met}");
            }
        }

        return text.ToString();
    }

    /// <summary>Prints the table to stdout and, with <paramref name="jsonFile"/>, writes the JSON; returns 1 when a section failed.</summary>
    public static async Task<int> EmitAsync(IReadOnlyList<BenchSection> sections, string? jsonFile, CancellationToken cancellationToken)
    {
        var machine = BenchMachine.Current();
        Console.Write(Table(sections, machine));
        if (jsonFile is not null)
        {
            var document = new BenchDocument(machine, sections);
            await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(document, BenchJson.Sections.BenchDocument), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"figures written to {jsonFile}");
        }

        var failed = sections.Where(s => s.Error is not null).ToList();
        foreach (var section in failed)
        {
            Console.Error.WriteLine($"bench {section.Name} failed: {section.Error}");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs one benchmark; a failure becomes a section with the reason (the next benchmark still runs).</summary>
    public static async Task<BenchSection> GuardAsync(string name, string description, Func<Task<BenchSection>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"bench {name}: {ex}");
            return new BenchSection(name, description, []) { Error = ex.GetType().Name + ": " + ex.Message };
        }
    }
}
