namespace EdgeTwin.Acquisition.Modbus;

/// <summary>
/// Merges the points of one unit and table (sorted by address) into as few reads as possible: the next point joins
/// the current block while the gap before it is at most <c>maxGap</c> registers (or bits) and the block stays within
/// <c>maxCount</c>. Multi-register points span all their registers; overlapping points share them. Isolated points are
/// read alone, and no block spans a cut (a boundary that made a merged read fail although both sides read fine).
/// </summary>
internal static class ModbusBlockPlanner
{
    public static List<ModbusReadBlock> Plan(ModbusPoint[] points, int maxGap, int maxCount, IReadOnlySet<int>? cuts = null, IReadOnlySet<int>? isolated = null)
    {
        var blocks = new List<ModbusReadBlock>();
        var i = 0;
        while (i < points.Length)
        {
            if (isolated?.Contains(i) == true)
            {
                blocks.Add(Create(points, i, i, isolated: true));
                i++;
                continue;
            }

            var start = points[i].Address;
            var end = points[i].End;
            var j = i + 1;
            while (j < points.Length && isolated?.Contains(j) != true && cuts?.Contains(j - 1) != true)
            {
                var next = points[j];
                var newEnd = Math.Max(end, next.End);
                if (next.Address - end > maxGap || newEnd - start > maxCount)
                {
                    break;
                }

                end = newEnd;
                j++;
            }

            blocks.Add(Create(points, i, j - 1, isolated: false));
            i = j;
        }

        return blocks;
    }

    /// <summary>A block reading points <paramref name="first"/>..<paramref name="last"/> (positions in <paramref name="points"/>).</summary>
    public static ModbusReadBlock Create(ModbusPoint[] points, int first, int last, bool isolated)
    {
        var start = points[first].Address;
        var end = points[first].End;
        for (var k = first + 1; k <= last; k++)
        {
            end = Math.Max(end, points[k].End);
        }

        var members = points[first..(last + 1)];
        return new ModbusReadBlock(points[first].Unit, points[first].Table, start, end - start, members, first, isolated);
    }
}
