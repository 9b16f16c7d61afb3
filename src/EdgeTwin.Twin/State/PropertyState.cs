using EdgeTwin.Core.Samples;

namespace EdgeTwin.Twin.State;

/// <summary>One property of an asset (mutable, owned by the twin engine's thread).</summary>
public sealed class PropertyState
{
    /// <summary>
    /// Creates a property bound to a point (or -1 for a derived property) whose history holds
    /// <paramref name="historyCapacity"/> points covering at least <paramref name="historySpan"/> (see <see cref="State.History"/>).
    /// </summary>
    public PropertyState(string name, int point, string? unit, TimeSpan freshness, int historyCapacity, TimeSpan historySpan = default)
    {
        Name = name;
        Point = point;
        Unit = unit;
        Freshness = freshness;
        History = new History(historyCapacity, historySpan);
    }

    /// <summary>Property name.</summary>
    public string Name { get; }

    /// <summary>Index of the source point, or -1 for derived properties.</summary>
    public int Point { get; }

    /// <summary>Engineering unit.</summary>
    public string? Unit { get; }

    /// <summary>Age after which the value is stale.</summary>
    public TimeSpan Freshness { get; }

    /// <summary>Latest value.</summary>
    public double Value { get; internal set; } = double.NaN;

    /// <summary>Text value or bad reason.</summary>
    public string? Text { get; internal set; }

    /// <summary>Time of the latest value.</summary>
    public DateTime Timestamp { get; internal set; }

    /// <summary>Quality of the latest value.</summary>
    public Quality Quality { get; internal set; } = Quality.Bad;

    /// <summary>True once a value arrived.</summary>
    public bool Seen { get; internal set; }

    /// <summary>Recent good values.</summary>
    public History History { get; }

    /// <summary>Data type of the source point (null for derived properties).</summary>
    public Core.Points.PointType? Type { get; init; }

    /// <summary>For derived properties: the compiled formula.</summary>
    public Expressions.Formula? Formula { get; init; }

    /// <summary>For derived properties: the properties the formula reads, in formula variable order.</summary>
    public PropertyState[] Inputs { get; init; } = [];

    /// <summary>Set when the last update changed value or quality (cleared by the engine).</summary>
    internal bool Changed { get; set; }

    /// <summary>Reusable input buffer of a derived property's formula.</summary>
    internal double[]? Scratch { get; set; }

    /// <summary>True for properties computed by a formula.</summary>
    public bool IsDerived => Formula is not null;
}
