using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Sources;

namespace EdgeTwin.Core.Points;

/// <summary>Every point and device of the gateway, indexed, built once from the configuration.</summary>
public sealed class PointTable
{
    private readonly Dictionary<string, PointInfo> _byKey;
    private readonly PointInfo[][] _byDevice;
    private readonly Dictionary<TimeSpan, int> _polledPerInterval = new();

    /// <summary>Builds the table; devices and points keep their configuration order.</summary>
    public PointTable(IReadOnlyList<DeviceConfig> devices)
    {
        var points = new List<PointInfo>();
        _byDevice = new PointInfo[devices.Count][];
        for (var d = 0; d < devices.Count; d++)
        {
            var device = devices[d];
            var list = new PointInfo[device.Points.Count];
            for (var p = 0; p < device.Points.Count; p++)
            {
                list[p] = new PointInfo(points.Count, d, device.Id, device.Points[p]);
                points.Add(list[p]);
                if (device.Points[p].OpcUa?.Mode != OpcUaMode.Subscribe)
                {
                    var interval = device.Points[p].Poll ?? device.Poll;
                    _polledPerInterval[interval] = _polledPerInterval.GetValueOrDefault(interval) + 1;
                }
            }

            _byDevice[d] = list;
        }

        Devices = devices;
        Points = points;
        _byKey = points.ToDictionary(p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>All points, by index.</summary>
    public IReadOnlyList<PointInfo> Points { get; }

    /// <summary>All devices, by index.</summary>
    public IReadOnlyList<DeviceConfig> Devices { get; }

    /// <summary>The points of device <paramref name="device"/>.</summary>
    public IReadOnlyList<PointInfo> PointsOf(int device) => _byDevice[device];

    /// <summary>Points polled every <paramref name="interval"/>, over all devices (OPC UA subscriptions are not polled).</summary>
    public int PolledPerInterval(TimeSpan interval) => _polledPerInterval.GetValueOrDefault(interval);

    /// <summary>
    /// Where in <paramref name="interval"/> device <paramref name="device"/> polls its points of that interval
    /// (<see cref="PollPhase"/>): its configured <c>pollOffset</c>, or spread according to the points of every device
    /// polled at that interval.
    /// </summary>
    public TimeSpan PollOffset(int device, TimeSpan interval) =>
        PollPhase.Offset(device, interval, Devices[device].PollOffset, PolledPerInterval(interval));

    /// <summary>Finds a point by "device/point".</summary>
    public bool TryGet(string key, out PointInfo point) => _byKey.TryGetValue(key, out point!);

    /// <summary>Index of a device by id, or -1.</summary>
    public int DeviceIndex(string id)
    {
        for (var i = 0; i < Devices.Count; i++)
        {
            if (Devices[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
