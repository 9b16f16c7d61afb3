using System.Globalization;

namespace EdgeTwin.Models.Anomaly;

/// <summary>A property's share of an anomaly score.</summary>
/// <param name="Property">Property name.</param>
/// <param name="Share">Fraction of the positive contributions (0–1).</param>
public readonly record struct Contributor(string Property, double Share)
{
    /// <summary>Ranks properties by positive contribution and keeps the fewest whose shares reach <paramref name="coverage"/> (at most <paramref name="max"/>).</summary>
    public static IReadOnlyList<Contributor> Top(IReadOnlyList<string> properties, ReadOnlySpan<float> contributions, double coverage = 0.8, int max = 3)
    {
        double total = 0;
        for (int i = 0; i < contributions.Length; i++)
        {
            total += Math.Max(0, contributions[i]);
        }

        if (total <= 0)
        {
            return Array.Empty<Contributor>();
        }

        var ranked = new List<Contributor>(contributions.Length);
        for (int i = 0; i < contributions.Length; i++)
        {
            ranked.Add(new Contributor(properties[i], Math.Max(0, contributions[i]) / total));
        }

        ranked.Sort((a, b) => b.Share.CompareTo(a.Share));
        var top = new List<Contributor>();
        double covered = 0;
        foreach (Contributor c in ranked)
        {
            if (top.Count >= max || covered >= coverage || c.Share <= 0)
            {
                break;
            }

            top.Add(c);
            covered += c.Share;
        }

        return top;
    }

    /// <summary>A sentence such as "Pressure and Current explain 80 %".</summary>
    public static string Describe(IReadOnlyList<Contributor> top)
    {
        if (top.Count == 0)
        {
            return "no property stands out";
        }

        string names = top.Count == 1
            ? top[0].Property
            : string.Join(", ", top.Take(top.Count - 1).Select(c => c.Property)) + " and " + top[^1].Property;
        double share = top.Sum(c => c.Share) * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{names} explain{(top.Count == 1 ? "s" : string.Empty)} {share:F0} %");
    }
}
