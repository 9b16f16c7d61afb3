namespace EdgeTwin.Twin.WhatIf;

/// <summary>A what-if question: "with these changes, what happens over the horizon?"</summary>
/// <param name="Overrides">Property to change: "+20%", "-5%", "+3", "-3" (relative to now) or "42" (absolute).</param>
/// <param name="Horizon">How far ahead.</param>
/// <param name="Step">Spacing of the returned points (a multiple of the model step; null = the model step).</param>
public sealed record WhatIfRequest(IReadOnlyDictionary<string, string> Overrides, TimeSpan Horizon, TimeSpan? Step = null);

/// <summary>When an alarm limit is first crossed on the predicted trajectory.</summary>
/// <param name="Alarm">Alarm id.</param>
/// <param name="Property">Watched property.</param>
/// <param name="Limit">The limit value.</param>
/// <param name="Direction">high or low.</param>
/// <param name="After">Time from now until the crossing, or null when it is not crossed within the horizon.</param>
public sealed record LimitCrossing(string Alarm, string Property, double Limit, string Direction, TimeSpan? After);

/// <summary>The predicted future.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Start">When the prediction starts (now).</param>
/// <param name="Step">Spacing of the points.</param>
/// <param name="Times">Offsets of the points from <paramref name="Start"/>, in seconds.</param>
/// <param name="Outputs">Predicted trajectories of the modelled outputs.</param>
/// <param name="Inputs">Input trajectories used (after overrides).</param>
/// <param name="Crossings">Time to each alarm limit on a predicted property.</param>
/// <param name="Fit">R² of each output of the identified model over its recent data.</param>
/// <param name="Notes">Overrides that could not be applied, and why.</param>
public sealed record WhatIfResult(
    string Asset,
    DateTime Start,
    TimeSpan Step,
    double[] Times,
    IReadOnlyDictionary<string, double[]> Outputs,
    IReadOnlyDictionary<string, double[]> Inputs,
    IReadOnlyList<LimitCrossing> Crossings,
    IReadOnlyDictionary<string, double> Fit,
    IReadOnlyList<string> Notes);

/// <summary>A what-if question that cannot be answered (unknown asset, no model yet, bad override).</summary>
public sealed class WhatIfException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WhatIfException(string message)
        : base(message)
    {
    }
}
