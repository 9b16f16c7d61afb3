using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Twin.WhatIf;

/// <summary>An immutable starting point for simulations: the identified model and the asset's values at one moment.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Time">When it was taken.</param>
/// <param name="Model">The frozen model (coefficients and last state).</param>
/// <param name="Outputs">Output property names.</param>
/// <param name="Inputs">Input property names.</param>
/// <param name="Step">Model time step.</param>
/// <param name="Current">Current value of every input and output.</param>
/// <param name="Alarms">Alarm definitions of the asset.</param>
/// <param name="Fit">R² of each output.</param>
internal sealed record WhatIfBasis(string Asset, DateTime Time, BilinearModel.Frozen Model, IReadOnlyList<string> Outputs, IReadOnlyList<string> Inputs, TimeSpan Step, IReadOnlyDictionary<string, double> Current, IReadOnlyList<AlarmConfig> Alarms, IReadOnlyDictionary<string, double> Fit);
