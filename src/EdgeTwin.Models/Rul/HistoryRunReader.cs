using System.Globalization;
using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Reads run-to-failure history in EdgeTwin's history CSV: a header <c>run,time,property,...</c>, then one row per
/// sample; <c>run</c> names the run (one asset's life, ending at its failure), <c>time</c> is seconds since the
/// run's start or an ISO-8601 timestamp, ascending within a run. Empty cells are missing values. The samples are
/// averaged into cycles of a fixed length, as the twin's failure runner does live, so that training and inference
/// see the same inputs.
/// </summary>
public static class HistoryRunReader
{
    /// <summary>Most lines accepted in one file.</summary>
    public const int MaxLines = 20_000_000;

    /// <summary>Reads <paramref name="path"/> and averages each run into cycles of <paramref name="cycle"/>.</summary>
    /// <returns>The runs as units (cycles numbered from 1) and the property names, in column order.</returns>
    /// <exception cref="DatasetFormatException">A malformed line; the message names the file and line.</exception>
    public static (IReadOnlyList<CmapssUnit> Units, IReadOnlyList<string> Properties) Read(string path, TimeSpan cycle)
    {
        if (cycle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "the cycle length must be positive");
        }

        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        string[] columns = header?.Split(',').Select(c => c.Trim()).ToArray() ?? [];
        if (columns.Length < 3 || columns[0] != "run" || columns[1] != "time")
        {
            throw new DatasetFormatException(path, 1, "header must be run,time,property,... (EdgeTwin history CSV)");
        }

        string[] properties = columns[2..];
        int p = properties.Length;
        var units = new List<CmapssUnit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? run = null;
        double start = 0, last = double.NegativeInfinity;
        int currentCycle = -1;
        double[] sum = new double[p];
        int[] count = new int[p];
        double[] previous = new double[p];
        bool havePrevious = false;
        List<int> cycles = new();
        List<double[]> values = new();

        void Flush()
        {
            if (currentCycle < 0)
            {
                return;
            }

            double[] row = new double[p];
            for (int j = 0; j < p; j++)
            {
                row[j] = count[j] > 0 ? sum[j] / count[j] : havePrevious ? previous[j] : double.NaN;
            }

            Array.Clear(sum);
            Array.Clear(count);
            if (row.Any(double.IsNaN))
            {
                return;
            }

            row.CopyTo(previous, 0);
            havePrevious = true;
            cycles.Add(currentCycle + 1);
            values.Add(row);
        }

        void EndRun()
        {
            Flush();
            if (run is not null && cycles.Count > 0)
            {
                units.Add(new CmapssUnit(units.Count + 1, cycles, values));
            }

            cycles = new();
            values = new();
            currentCycle = -1;
            havePrevious = false;
        }

        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber > MaxLines)
            {
                throw new DatasetFormatException(path, lineNumber, $"more than {MaxLines} lines");
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw new DatasetFormatException(path, lineNumber, $"{fields.Length} fields, the header has {columns.Length}");
            }

            string name = fields[0].Trim();
            double time = ParseTime(path, lineNumber, fields[1].Trim());
            if (name != run)
            {
                EndRun();
                if (!seen.Add(name))
                {
                    throw new DatasetFormatException(path, lineNumber, $"run '{name}' appears again after other runs (rows of a run must be together)");
                }

                run = name;
                start = time;
                last = double.NegativeInfinity;
            }

            if (time < last)
            {
                throw new DatasetFormatException(path, lineNumber, $"run '{name}': time goes backwards");
            }

            last = time;
            int k = (int)Math.Floor((time - start) / cycle.TotalSeconds);
            if (k != currentCycle)
            {
                Flush();
                currentCycle = k;
            }

            for (int j = 0; j < p; j++)
            {
                string cell = fields[j + 2].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new DatasetFormatException(path, lineNumber, $"column {properties[j]}: bad number '{cell}'");
                }

                sum[j] += v;
                count[j]++;
            }
        }

        EndRun();
        return (units, properties);
    }

    private static double ParseTime(string path, int line, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            return seconds;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
        {
            return (t - DateTimeOffset.UnixEpoch).TotalSeconds;
        }

        throw new DatasetFormatException(path, line, $"time '{text}' is neither seconds nor an ISO-8601 timestamp");
    }
}
