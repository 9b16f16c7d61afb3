namespace EdgeTwin.Models.Rul;

/// <summary>One engine's trajectory from a C-MAPSS file.</summary>
/// <param name="Id">Unit number.</param>
/// <param name="Cycles">Cycle numbers, ascending.</param>
/// <param name="Values">Per cycle: 3 operational settings followed by 21 sensors (24 values).</param>
public sealed record CmapssUnit(int Id, IReadOnlyList<int> Cycles, IReadOnlyList<double[]> Values)
{
    /// <summary>Number of cycles recorded.</summary>
    public int Length => Cycles.Count;

    /// <summary>The first <paramref name="cycles"/> cycles (a truncated trajectory, as in the official test files).</summary>
    public CmapssUnit Truncate(int cycles) => new(Id, Cycles.Take(cycles).ToList(), Values.Take(cycles).ToList());
}
