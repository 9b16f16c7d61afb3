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

/// <summary>An identified model pinned at one moment (see <see cref="DynamicsRunner.Pin"/>).</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Time">When the model and starting point were taken.</param>
/// <param name="Inputs">Input property names.</param>
/// <param name="Outputs">Output property names.</param>
/// <param name="Step">Model time step.</param>
/// <param name="Current">Current value of every input and output.</param>
/// <param name="Fit">R² of each output.</param>
/// <param name="Simulate">Simulates a request from this model.</param>
public sealed record PinnedDynamics(string Asset, DateTime Time, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, TimeSpan Step, IReadOnlyDictionary<string, double> Current, IReadOnlyDictionary<string, double> Fit, Func<WhatIfRequest, WhatIfResult> Simulate);
