namespace EdgeTwin.Acquisition.Modbus;

/// <summary>The points of a device polled at one rate, grouped by unit and table.</summary>
internal sealed class ModbusScanClass
{
    public ModbusScanClass(TimeSpan interval, ModbusBlockGroup[] groups)
    {
        Interval = interval;
        Groups = groups;
        PointCount = groups.Sum(g => g.Points.Length);
    }

    public TimeSpan Interval { get; }

    public ModbusBlockGroup[] Groups { get; }

    public int PointCount { get; }

    /// <summary>When the class is polled next.</summary>
    public DateTimeOffset NextDue { get; set; }

    /// <summary>Added once, after the first poll, to move the class onto its device's place in the interval (<see cref="Core.Sources.PollPhase"/>).</summary>
    public TimeSpan Offset { get; set; }

    /// <summary>Groups the points of one device into scan classes (by effective poll interval), then by unit and table.</summary>
    public static ModbusScanClass[] Build(IEnumerable<ModbusPoint> points, int maxGap, int maxRegisters, int maxBits, DateTimeOffset now) =>
        points
            .GroupBy(p => p.Interval)
            .OrderBy(g => g.Key)
            .Select(byInterval => new ModbusScanClass(
                byInterval.Key,
                byInterval
                    .GroupBy(p => (p.Unit, p.Table))
                    .OrderBy(g => g.Key.Unit).ThenBy(g => g.Key.Table)
                    .Select(g => new ModbusBlockGroup(g.ToArray(), maxGap, maxRegisters, maxBits, now))
                    .ToArray()))
            .ToArray();
}
