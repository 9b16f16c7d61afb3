using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;

namespace EdgeTwin.Acquisition.Tests.Devices;

/// <summary>Builds point tables for sensor devices the way the configuration reader would.</summary>
internal static class SensorTables
{
    public static PointTable I2c(string chip, IReadOnlyList<PointConfig> points, Dictionary<string, string>? settings = null, int address = 0x76, TimeSpan? poll = null, int retries = 0) =>
        new([I2cDevice("sensor", chip, points, settings, address, poll, retries)]);

    public static DeviceConfig I2cDevice(string id, string chip, IReadOnlyList<PointConfig> points, Dictionary<string, string>? settings = null, int address = 0x76, TimeSpan? poll = null, int retries = 0) => new()
    {
        Id = id,
        Poll = poll ?? TimeSpan.FromSeconds(1),
        Retries = retries,
        MaxBackoff = TimeSpan.FromSeconds(8),

        // The per-read timeout runs on the real clock; a loaded test machine must not trip it.
        Timeout = TimeSpan.FromSeconds(30),
        I2c = new I2cDeviceConfig(1, address, chip, settings ?? []),
        Points = points,
    };

    public static PointConfig Measurement(string id, string measurement, double scale = 1, double offset = 0) => new()
    {
        Id = id,
        Scale = scale,
        Offset = offset,
        I2c = new I2cPointConfig(measurement),
    };

    public static PointTable Gpio(IReadOnlyList<PointConfig> points, TimeSpan? poll = null) => new([new DeviceConfig
    {
        Id = "board",
        Poll = poll ?? TimeSpan.FromHours(1),
        MaxBackoff = TimeSpan.FromSeconds(4),
        Gpio = new GpioDeviceConfig(0),
        Points = points,
    }]);

    public static PointConfig Input(string id, int pin, TimeSpan? debounce = null, string pull = "up") => new()
    {
        Id = id,
        Type = PointType.Bool,
        Gpio = new GpioPointConfig(pin, GpioPointKind.Input, pull, debounce),
    };

    public static PointConfig Counter(string id, int pin, bool rate = false, double scale = 1, string edge = "rising") => new()
    {
        Id = id,
        Type = rate ? PointType.Float64 : PointType.Counter,
        Scale = scale,
        Gpio = new GpioPointConfig(pin, GpioPointKind.Counter, Edge: edge),
    };

    public static PointConfig Output(string id, int pin, bool verify = false) => new()
    {
        Id = id,
        Type = PointType.Bool,
        Writable = new WriteRule(null, null, null, verify),
        Gpio = new GpioPointConfig(pin, GpioPointKind.Output),
    };
}
