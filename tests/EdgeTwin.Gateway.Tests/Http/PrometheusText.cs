using System.Globalization;
using System.Text;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>One sample of an exposition: metric name, labels, value.</summary>
public sealed record PromSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>One metric family: name, type, help and its samples.</summary>
public sealed record PromFamily(string Name, string Type, string? Help, List<PromSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4: every line must be a HELP, TYPE, comment, blank or
/// sample line with valid names, label syntax and escapes, numbers and timestamps; a family's TYPE comes before its
/// samples, its samples are contiguous and belong to it (histogram _bucket/_sum/_count with le), no sample repeats, and
/// histogram buckets are cumulative up to le="+Inf" equal to _count. Throws <see cref="FormatException"/> naming the line.
/// </summary>
public static class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static Dictionary<string, PromFamily> Parse(string text)
    {
        var families = new Dictionary<string, PromFamily>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.Contains('\r'))
            {
                throw new FormatException($"{where}: carriage return");
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    if (!IsMetricName(name))
                    {
                        throw new FormatException($"{where}: bad metric name '{name}'");
                    }

                    var family = Family(families, name, closed, ref current, where, declaring: true);
                    if (parts[1] == "HELP")
                    {
                        if (family.Help is not null)
                        {
                            throw new FormatException($"{where}: second HELP for {name}");
                        }

                        var help = parts.Length == 4 ? parts[3] : string.Empty;
                        CheckEscapes(help, allowQuote: false, where);
                        families[name] = family with { Help = help };
                    }
                    else
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3]))
                        {
                            throw new FormatException($"{where}: TYPE must be one of {string.Join(", ", Types)}");
                        }

                        if (family.Type != "untyped-implicit")
                        {
                            throw new FormatException($"{where}: second TYPE, or TYPE after samples, for {name}");
                        }

                        families[name] = family with { Type = parts[3] };
                    }
                }

                continue;
            }

            var sample = ParseSample(line, where);
            var owner = OwnerOf(families, sample.Name);
            var fam = Family(families, owner, closed, ref current, where, declaring: false);
            CheckBelongs(fam, sample, where);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!seen.Add(key))
            {
                throw new FormatException($"{where}: sample {key} repeats");
            }

            fam.Samples.Add(sample);
        }

        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return families;
    }

    private static PromFamily Family(Dictionary<string, PromFamily> families, string name, HashSet<string> closed, ref string? current, string where, bool declaring)
    {
        if (current != name)
        {
            if (closed.Contains(name))
            {
                throw new FormatException($"{where}: family {name} is split (its lines are not contiguous)");
            }

            if (current is not null)
            {
                closed.Add(current);
            }

            current = name;
        }

        if (!families.TryGetValue(name, out var family))
        {
            family = new PromFamily(name, "untyped-implicit", null, new List<PromSample>());
            families[name] = family;
        }
        else if (declaring && family.Samples.Count > 0)
        {
            throw new FormatException($"{where}: HELP/TYPE after samples of {name}");
        }

        return family;
    }

    private static string OwnerOf(Dictionary<string, PromFamily> families, string sampleName)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out var f) && f.Type is "histogram" or "summary")
            {
                return f.Name;
            }
        }

        return sampleName;
    }

    private static void CheckBelongs(PromFamily family, PromSample sample, string where)
    {
        switch (family.Type)
        {
            case "histogram":
                if (sample.Name == family.Name + "_bucket" && !sample.Labels.ContainsKey("le"))
                {
                    throw new FormatException($"{where}: histogram bucket without le");
                }

                if (sample.Name == family.Name)
                {
                    throw new FormatException($"{where}: a histogram has only _bucket, _sum and _count samples");
                }

                break;
            case "summary":
                break;
            default:
                if (sample.Name != family.Name)
                {
                    throw new FormatException($"{where}: sample {sample.Name} does not belong to family {family.Name}");
                }

                if (family.Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
                {
                    throw new FormatException($"{where}: a counter cannot be negative or NaN");
                }

                break;
        }
    }

    private static void CheckHistogram(PromFamily family)
    {
        foreach (var series in family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => l.Key + "=" + l.Value))))
        {
            var buckets = series.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal))
                .Select(s => (Le: ParseNumber(s.Labels["le"], "le"), s.Value)).OrderBy(b => b.Le).ToList();
            var count = series.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no _count");
            _ = series.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no _sum");
            if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Le))
            {
                throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no le=\"+Inf\" bucket");
            }

            for (var i = 1; i < buckets.Count; i++)
            {
                if (buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"histogram {family.Name}{{{series.Key}}}: buckets are not cumulative at le={buckets[i].Le}");
                }
            }

            if (buckets[^1].Value != count.Value)
            {
                throw new FormatException($"histogram {family.Name}{{{series.Key}}}: +Inf bucket {buckets[^1].Value} != count {count.Value}");
            }
        }
    }

    private static PromSample ParseSample(string line, string where)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = line[..i];
        if (!IsMetricName(name))
        {
            throw new FormatException($"{where}: bad metric name '{name}'");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i < line.Length && line[i] == '}')
                {
                    i++;
                    break;
                }

                var start = i;
                while (i < line.Length && line[i] != '=')
                {
                    i++;
                }

                var labelName = line[start..i];
                if (!IsLabelName(labelName) || i + 1 >= line.Length || line[i + 1] != '"')
                {
                    throw new FormatException($"{where}: bad label at column {start + 1}");
                }

                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"{where}: unterminated label value");
                    }

                    var c = line[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i >= line.Length || line[i] is not ('\\' or '"' or 'n'))
                        {
                            throw new FormatException($"{where}: bad escape in label value");
                        }

                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                        i++;
                        continue;
                    }

                    value.Append(c);
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw new FormatException($"{where}: label {labelName} repeats");
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
                else if (i >= line.Length || line[i] != '}')
                {
                    throw new FormatException($"{where}: expected ',' or '}}' after label {labelName}");
                }
            }
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"{where}: expected a space before the value");
        }

        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"{where}: expected 'value [timestamp]'");
        }

        var number = ParseNumber(rest[0], where);
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{where}: bad timestamp '{rest[1]}'");
        }

        return new PromSample(name, labels, number);
    }

    private static double ParseNumber(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"{where}: '{text}' is not a number"),
    };

    private static void CheckEscapes(string text, bool allowQuote, string where)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('\\' or 'n') && !(allowQuote && text[i + 1] == '"'))
                {
                    throw new FormatException($"{where}: bad escape in HELP text");
                }

                i++;
            }
        }
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
