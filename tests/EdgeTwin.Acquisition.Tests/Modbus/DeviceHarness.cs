using EdgeTwin.Acquisition.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Tests.Modbus;

/// <summary>Builds a device and its points, creates its source through the factory, runs it in the background.</summary>
internal sealed class DeviceHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    private DeviceHarness(PointTable table, int device, ModbusDeviceSource source)
    {
        Table = table;
        DeviceIndex = device;
        Source = source;
    }

    public PointTable Table { get; }

    public int DeviceIndex { get; }

    public ModbusDeviceSource Source { get; }

    public CollectingSink Sink { get; } = new();

    public static DeviceConfig TcpDevice(int port, IReadOnlyList<PointConfig> points, Func<DeviceConfig, DeviceConfig>? adjust = null, byte unit = 1, string id = "plc1")
    {
        var device = new DeviceConfig
        {
            Id = id,
            Poll = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 0,
            MaxBackoff = TimeSpan.FromSeconds(2),
            Modbus = new ModbusDeviceConfig { Host = "127.0.0.1", Port = port, Unit = unit },
            Points = points,
        };
        return adjust is null ? device : adjust(device);
    }

    public static PointConfig Point(string id, ModbusTable table, ushort address, PointType type, WordOrder order = WordOrder.ABCD, double scale = 1, double offset = 0, int? bit = null, int? length = null, byte? unit = null, TimeSpan? poll = null, WriteRule? writable = null) =>
        new()
        {
            Id = id,
            Type = type,
            Scale = scale,
            Offset = offset,
            Poll = poll,
            Writable = writable,
            Modbus = new ModbusPointConfig(table, address, order, bit, length, unit),
        };

    /// <summary>Creates the source of device <paramref name="index"/> of <paramref name="devices"/> (without running it).</summary>
    public static DeviceHarness Create(IReadOnlyList<DeviceConfig> devices, int index = 0, ModbusBusRegistry? buses = null, Func<ModbusDeviceSource, ModbusDeviceSource>? adjust = null, TimeProvider? time = null)
    {
        var table = new PointTable(devices);
        var source = ModbusSourceFactory.Create(index, devices[index], table, NullLoggerFactory.Instance, time ?? TimeProvider.System, buses ?? new ModbusBusRegistry());
        return new DeviceHarness(table, index, source);
    }

    public static DeviceHarness Start(IReadOnlyList<DeviceConfig> devices, int index = 0, ModbusBusRegistry? buses = null)
    {
        var harness = Create(devices, index, buses);
        harness.Run();
        return harness;
    }

    public void Run() => _run = Source.RunAsync(Sink, _stop.Token);

    public int IndexOf(string pointId) => Table.PointsOf(DeviceIndex).Single(p => p.Id == pointId).Index;

    public PointInfo PointOf(string pointId) => Table.PointsOf(DeviceIndex).Single(p => p.Id == pointId);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_run is not null)
        {
            await _run; // RunAsync returns quietly on cancellation; any other exception fails the test
        }

        await Source.DisposeAsync();
        _stop.Dispose();
    }
}
