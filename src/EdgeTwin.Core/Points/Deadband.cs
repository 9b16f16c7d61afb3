namespace EdgeTwin.Core.Points;

/// <summary>Report-by-exception threshold: a change smaller than this is not published (until the heartbeat).</summary>
/// <param name="Value">The threshold (engineering units, or percent of the last published value).</param>
/// <param name="Percent">True when <paramref name="Value"/> is a percentage.</param>
public readonly record struct Deadband(double Value, bool Percent)
{
    /// <summary>True when <paramref name="current"/> differs enough from <paramref name="lastPublished"/>.</summary>
    public bool Exceeded(double lastPublished, double current)
    {
        if (double.IsNaN(lastPublished) != double.IsNaN(current))
        {
            return true;
        }

        var delta = Math.Abs(current - lastPublished);
        var limit = Percent ? Math.Abs(lastPublished) * Value / 100.0 : Value;
        return delta > limit;
    }
}
