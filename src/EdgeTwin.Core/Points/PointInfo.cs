using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Core.Points;

/// <summary>A point as the running gateway knows it: its index in the table and its validated configuration.</summary>
/// <param name="Index">Index in the <see cref="PointTable"/>; what <see cref="Samples.Sample.Point"/> refers to.</param>
/// <param name="Device">Index of the owning device.</param>
/// <param name="DeviceId">Id of the owning device.</param>
/// <param name="Config">Validated configuration.</param>
public sealed record PointInfo(int Index, int Device, string DeviceId, PointConfig Config)
{
    /// <summary>"device/point", how assets and commands name the point.</summary>
    public string Key { get; } = DeviceId + "/" + Config.Id;

    /// <summary>The point id within its device.</summary>
    public string Id => Config.Id;
}
