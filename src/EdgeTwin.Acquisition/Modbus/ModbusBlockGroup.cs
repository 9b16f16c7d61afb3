using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>
/// The points of one scan class, unit and table, and their current read plan. Remembers what isolation learned
/// (cuts and isolated points) until the next periodic re-plan.
/// </summary>
internal sealed class ModbusBlockGroup
{
    private readonly HashSet<int> _cuts = [];
    private readonly HashSet<int> _isolated = [];
    private readonly int _maxGap;
    private readonly int _maxCount;

    public ModbusBlockGroup(ModbusPoint[] points, int maxGap, int maxRegisters, int maxBits, DateTimeOffset now)
    {
        Points = points.OrderBy(p => p.Address).ThenBy(p => p.Width).ToArray();
        Unit = Points[0].Unit;
        Table = Points[0].Table;
        _maxGap = maxGap;
        _maxCount = Table.IsBits() ? maxBits : maxRegisters;
        Replan(now);
    }

    public byte Unit { get; }

    public ModbusDataTable Table { get; }

    /// <summary>The points, sorted by address.</summary>
    public ModbusPoint[] Points { get; }

    /// <summary>The current reads.</summary>
    public List<ModbusReadBlock> Blocks { get; private set; } = [];

    /// <summary>When the plan was last built from scratch.</summary>
    public DateTimeOffset PlannedAt { get; private set; }

    /// <summary>True when isolation changed the plan (so a periodic re-plan may merge again).</summary>
    public bool HasConstraints => _cuts.Count > 0 || _isolated.Count > 0;

    /// <summary>Points read alone because they made their block fail.</summary>
    public IReadOnlyCollection<int> Isolated => _isolated;

    /// <summary>Forbids merging across the boundary after position <paramref name="position"/>.</summary>
    public void AddCut(int position) => _cuts.Add(position);

    /// <summary>Reads the point at <paramref name="position"/> alone from now on.</summary>
    public void Isolate(int position) => _isolated.Add(position);

    /// <summary>Rebuilds the blocks, honouring cuts and isolated points.</summary>
    public void Rebuild() => Blocks = ModbusBlockPlanner.Plan(Points, _maxGap, _maxCount, _cuts, _isolated);

    /// <summary>Forgets what isolation learned and plans the widest reads again (the device may have been reconfigured).</summary>
    public void Replan(DateTimeOffset now)
    {
        _cuts.Clear();
        _isolated.Clear();
        PlannedAt = now;
        Rebuild();
    }
}
