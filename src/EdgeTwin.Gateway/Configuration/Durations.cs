using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>Durations as written in configuration and commands: 500ms, 2s, 1m30s, 2h, 1d.</summary>
public static partial class Durations
{
    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal))
        {
            return false;
        }

        double ms = 0;
        foreach (Match m in matches)
        {
            var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += number * m.Groups[2].Value switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => double.NaN,
            };
        }

        if (!double.IsFinite(ms) || ms < 0 || ms > TimeSpan.FromDays(3650).TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Formats a duration the way configuration writes it.</summary>
    public static string Format(TimeSpan value) => value.TotalMilliseconds switch
    {
        < 1000 => $"{value.TotalMilliseconds:0.###}ms",
        < 60_000 => $"{value.TotalSeconds:0.###}s",
        < 3_600_000 => $"{value.TotalMinutes:0.###}m",
        _ => $"{value.TotalHours:0.###}h",
    };

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")]
    private static partial Regex Part();
}
