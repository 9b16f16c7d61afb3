using EdgeTwin.Twin.WhatIf;

namespace EdgeTwin.Twin.Optimization;

/// <summary>Headroom of an asset's declared capacity now and, when asked "what if we add X", over the predicted horizon.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Property">Property that uses the capacity.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Limit">The declared capacity.</param>
/// <param name="Value">The property now (NaN when unknown).</param>
/// <param name="Headroom">Limit minus the value now.</param>
/// <param name="Peak">Highest predicted value over the horizon with the addition, or null without a what-if.</param>
/// <param name="HeadroomAfter">Limit minus <paramref name="Peak"/>, or null.</param>
/// <param name="PeakAtSeconds">When the peak occurs, or null.</param>
/// <param name="Trajectory">The prediction with the addition, or null.</param>
public sealed record CapacityResult(string Asset, string Property, string? Unit, double Limit, double Value, double Headroom, double? Peak, double? HeadroomAfter, double? PeakAtSeconds, WhatIfResult? Trajectory)
{
    /// <summary>True when the addition keeps the use within the capacity over the whole horizon (null without a what-if).</summary>
    public bool? Fits => HeadroomAfter is { } h ? h >= 0 : null;
}

/// <summary>
/// Capacity headroom through the same simulation path as <c>simulate</c> and <c>optimize</c>: "what if we add X"
/// applies the changes as what-if overrides ("+5", "+20%") on the asset's identified dynamics and reads the capacity
/// property over the trajectory (an output, an input, or a derived property computed from them). Thread-safe.
/// </summary>
public static class CapacityCheck
{
    /// <summary>Headroom of <paramref name="asset"/>; with <paramref name="add"/> also the prediction with the additions.</summary>
    /// <exception cref="OptimizationException">Unknown asset, no capacity declared, the property cannot be predicted.</exception>
    /// <exception cref="WhatIfException">A bad change, or the dynamics are not identified yet.</exception>
    public static CapacityResult Check(TwinEngine twin, string asset, IReadOnlyDictionary<string, string>? add, TimeSpan horizon)
    {
        var state = twin.Find(asset) ?? throw new OptimizationException($"unknown asset '{asset}'");
        var capacity = state.Config.Capacity ?? throw new OptimizationException($"asset '{asset}' has no capacity declared (assets[].capacity: property, limit)");
        var latest = state.Latest?.Properties.FirstOrDefault(p => p.Name == capacity.Property);
        var value = latest is { Quality: Core.Samples.Quality.Good or Core.Samples.Quality.Uncertain } ? latest.Value : double.NaN;
        var unit = latest?.Unit ?? state.Properties.FirstOrDefault(p => p.Name == capacity.Property)?.Unit;
        if (add is null || add.Count == 0)
        {
            return new CapacityResult(asset, capacity.Property, unit, capacity.Limit, value, capacity.Limit - value, null, null, null, null);
        }

        var runner = twin.DynamicsOf(asset) ?? throw new OptimizationException($"asset '{asset}' has no dynamics configured: \"what if we add\" needs them (assets[].dynamics)");
        var pinned = runner.Pin();
        foreach (var property in add.Keys.Where(k => !pinned.Inputs.Contains(k)))
        {
            throw new OptimizationException($"'{property}' is not an input of the dynamics model of '{asset}' (inputs: {string.Join(", ", pinned.Inputs)})");
        }

        var derived = state.Properties.FirstOrDefault(p => p.Name == capacity.Property && p.IsDerived)?.Formula;
        if (!pinned.Inputs.Contains(capacity.Property) && !pinned.Outputs.Contains(capacity.Property)
            && (derived is null || !derived.Variables.All(v => pinned.Inputs.Contains(v) || pinned.Outputs.Contains(v))))
        {
            throw new OptimizationException($"capacity property '{capacity.Property}' is neither predicted by the dynamics of '{asset}' nor derived from their inputs and outputs");
        }

        var trajectory = pinned.Simulate(new WhatIfRequest(add, horizon));
        double peak = double.NegativeInfinity, at = 0;
        for (var k = 0; k < trajectory.Times.Length; k++)
        {
            double Lookup(string name) => trajectory.Outputs.TryGetValue(name, out var o) ? o[k] : trajectory.Inputs[name][k];
            var v = trajectory.Outputs.ContainsKey(capacity.Property) || trajectory.Inputs.ContainsKey(capacity.Property) ? Lookup(capacity.Property) : derived!.Evaluate(Lookup);
            if (v > peak)
            {
                (peak, at) = (v, trajectory.Times[k]);
            }
        }

        return new CapacityResult(asset, capacity.Property, unit, capacity.Limit, value, capacity.Limit - value, peak, capacity.Limit - peak, at, trajectory);
    }
}
