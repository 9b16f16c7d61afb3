using System.Globalization;
using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Skab;

/// <summary>
/// Reads SKAB CSV files: semicolon-separated, a header row, then <c>datetime;features...;anomaly;changepoint</c>
/// (the anomaly-free file has no label columns).
/// </summary>
public static class SkabReader
{
    /// <summary>Longest line accepted; real lines are about 100 characters.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>Most rows accepted in one file.</summary>
    public const int MaxRows = 10_000_000;

    /// <summary>Reads one file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="name">Name to record (defaults to the file name).</param>
    /// <exception cref="DatasetFormatException">A line is malformed; the message names the file and line.</exception>
    public static SkabSeries Read(string path, string? name = null)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine() ?? throw new DatasetFormatException(path, 1, "empty file");
        string[] columns = header.Split(';');
        if (columns.Length < 2 || !columns[0].Equals("datetime", StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetFormatException(path, 1, "header must start with 'datetime;'");
        }

        bool labelled = columns.Length >= 4
            && columns[^2].Equals("anomaly", StringComparison.OrdinalIgnoreCase)
            && columns[^1].Equals("changepoint", StringComparison.OrdinalIgnoreCase);
        int featureCount = columns.Length - 1 - (labelled ? 2 : 0);
        string[] features = columns[1..(1 + featureCount)];

        var times = new List<DateTime>();
        var rows = new List<double[]>();
        var anomaly = new List<bool>();
        var changepoint = new List<bool>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                throw new DatasetFormatException(path, lineNumber, $"line longer than {MaxLineLength} characters");
            }

            if (rows.Count >= MaxRows)
            {
                throw new DatasetFormatException(path, lineNumber, $"more than {MaxRows} rows");
            }

            string[] cells = line.Split(';');
            if (cells.Length != columns.Length)
            {
                throw new DatasetFormatException(path, lineNumber, $"{cells.Length} fields, header has {columns.Length}");
            }

            if (!DateTime.TryParse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime time))
            {
                throw new DatasetFormatException(path, lineNumber, $"bad datetime '{cells[0]}'");
            }

            double[] row = new double[featureCount];
            for (int i = 0; i < featureCount; i++)
            {
                row[i] = ParseNumber(path, lineNumber, features[i], cells[i + 1]);
            }

            times.Add(time);
            rows.Add(row);
            if (labelled)
            {
                anomaly.Add(ParseNumber(path, lineNumber, "anomaly", cells[^2]) != 0);
                changepoint.Add(ParseNumber(path, lineNumber, "changepoint", cells[^1]) != 0);
            }
        }

        return new SkabSeries(name ?? Path.GetFileName(path), features, times, rows, anomaly, changepoint);
    }

    /// <summary>
    /// Reads every labelled CSV under <paramref name="directory"/> (recursively, sorted by relative path),
    /// skipping files without label columns such as anomaly-free.csv.
    /// </summary>
    public static IReadOnlyList<SkabSeries> ReadDirectory(string directory)
    {
        var result = new List<SkabSeries>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories)
                     .OrderBy(f => Path.GetRelativePath(directory, f), StringComparer.Ordinal))
        {
            SkabSeries series = Read(file, Path.GetRelativePath(directory, file).Replace('\\', '/'));
            if (series.IsLabelled)
            {
                result.Add(series);
            }
        }

        return result;
    }

    private static double ParseNumber(string path, int line, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DatasetFormatException(path, line, $"column '{column}': bad number '{text}'");
        }

        return value;
    }
}
