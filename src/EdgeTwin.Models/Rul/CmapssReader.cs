using System.Globalization;
using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Rul;

/// <summary>
/// Reads NASA C-MAPSS text files: space-separated, no header; columns unit, cycle, 3 operational settings,
/// 21 sensors (trailing spaces allowed). RUL files hold one integer per line.
/// </summary>
public static class CmapssReader
{
    /// <summary>Values after unit and cycle: 3 settings + 21 sensors.</summary>
    public const int ValueCount = 24;

    /// <summary>Column names of the values: setting1..3, s1..s21.</summary>
    public static IReadOnlyList<string> ValueNames { get; } =
        Enumerable.Range(1, 3).Select(i => $"setting{i}").Concat(Enumerable.Range(1, 21).Select(i => $"s{i}")).ToArray();

    /// <summary>Most lines accepted in one file.</summary>
    public const int MaxLines = 5_000_000;

    /// <summary>Reads a train_FDxxx.txt or test_FDxxx.txt file, grouped by unit in file order.</summary>
    /// <exception cref="DatasetFormatException">A malformed line; the message names the file and line.</exception>
    public static IReadOnlyList<CmapssUnit> ReadTrajectories(string path)
    {
        var units = new List<CmapssUnit>();
        var byId = new Dictionary<int, (List<int> Cycles, List<double[]> Values)>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
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

            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != ValueCount + 2)
            {
                throw new DatasetFormatException(path, lineNumber, $"{fields.Length} fields, expected {ValueCount + 2} (unit, cycle, 3 settings, 21 sensors)");
            }

            int unit = ParseInt(path, lineNumber, fields[0], "unit");
            int cycle = ParseInt(path, lineNumber, fields[1], "cycle");
            double[] values = new double[ValueCount];
            for (int i = 0; i < ValueCount; i++)
            {
                if (!double.TryParse(fields[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                {
                    throw new DatasetFormatException(path, lineNumber, $"column {ValueNames[i]}: bad number '{fields[i + 2]}'");
                }
            }

            if (!byId.TryGetValue(unit, out var series))
            {
                series = (new List<int>(), new List<double[]>());
                byId[unit] = series;
                units.Add(new CmapssUnit(unit, series.Cycles, series.Values));
            }
            else if (series.Cycles[^1] >= cycle)
            {
                throw new DatasetFormatException(path, lineNumber, $"unit {unit}: cycle {cycle} does not follow cycle {series.Cycles[^1]}");
            }

            series.Cycles.Add(cycle);
            series.Values.Add(values);
        }

        return units;
    }

    /// <summary>Reads a RUL_FDxxx.txt file: the true RUL after the last cycle of each test unit, in unit order.</summary>
    public static IReadOnlyList<double> ReadRul(string path)
    {
        var result = new List<double>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber > MaxLines)
            {
                throw new DatasetFormatException(path, lineNumber, $"more than {MaxLines} lines");
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                result.Add(ParseInt(path, lineNumber, line.Trim(), "RUL"));
            }
        }

        return result;
    }

    private static int ParseInt(string path, int line, string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
        {
            throw new DatasetFormatException(path, line, $"{what}: bad integer '{text}'");
        }

        return value;
    }
}
