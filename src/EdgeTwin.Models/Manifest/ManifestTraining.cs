namespace EdgeTwin.Models.Manifest;

/// <summary>What data the model was trained on.</summary>
/// <param name="Rows">Training samples (or cycles / windows) used.</param>
/// <param name="Start">First training timestamp, if known.</param>
/// <param name="End">Last training timestamp, if known.</param>
/// <param name="Source">Data source description (file name, asset).</param>
public sealed record ManifestTraining(int Rows, DateTimeOffset? Start = null, DateTimeOffset? End = null, string? Source = null);
