namespace EdgeTwin.Storage;

/// <summary>
/// What was waiting to be sent at one moment: everything committed up to <see cref="Boundary"/>, and of it the newest
/// message of each key (device, asset, gateway), which the uplink sends first so the platform is current at once.
/// </summary>
/// <param name="Boundary">The highest committed seq at that moment.</param>
/// <param name="NewestPerKey">The newest committed seq of each key, all at or below <see cref="Boundary"/>, ascending.</param>
public sealed record BacklogSnapshot(long Boundary, IReadOnlyList<long> NewestPerKey);
