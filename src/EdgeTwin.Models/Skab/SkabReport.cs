using EdgeTwin.Models.Evaluation;

namespace EdgeTwin.Models.Skab;

/// <summary>SKAB outlier-detection result: per-file counts and their sum (the metrics are computed on the sum).</summary>
/// <param name="Files">Per-file results, in the order evaluated.</param>
public sealed record SkabReport(IReadOnlyList<SkabFileResult> Files)
{
    /// <summary>Counts summed over all files.</summary>
    public ConfusionCounts Total => Files.Aggregate(default(ConfusionCounts), (sum, f) => sum + f.Counts);

    /// <summary>A report on the subset of files whose names match.</summary>
    public SkabReport Where(Func<string, bool> predicate) => new(Files.Where(f => predicate(f.Name)).ToList());

    /// <summary>
    /// The half ('a' or 'b') a file belongs to for validating on one half what was tuned on the other: bit 0 of
    /// the 32-bit FNV-1a hash of its name relative to the dataset directory ("valve1/3.csv"). Fixed by the name
    /// alone, so files added later (or held back) never move the others between halves.
    /// </summary>
    public static char HalfOf(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 16777619;
        }

        return (hash & 1) == 0 ? 'a' : 'b';
    }
}
