using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Tests.Sensors;

public sealed class SensorConfigTests
{
    /// <summary>Board sensors as the README documents them.</summary>
    private const string Board = """
        gateway:
          id: cabinet-gw
        devices:
          - id: cabinet
            i2c: { bus: 1, address: 0x76, chip: bme280, oversampling: 4, filter: 2 }
            poll: 5s
            points:
              - { id: temp, measurement: temperature, unit: °C }
              - { id: pressure, measurement: pressure, scale: 0.01, unit: hPa }
          - id: loop
            i2c: { bus: 1, address: 0x48, chip: ads1115, gain: 4.096, dataRate: 128 }
            points:
              - { id: line_pressure, measurement: ain0, scale: 4.1666667, offset: -2.5, unit: bar }
          - id: supply
            i2c: { bus: 1, address: 0x40, chip: ina219, shuntOhms: 0.1, maxCurrent: 2 }
            points:
              - { id: current, measurement: current, unit: A }
          - id: expander
            i2c: { bus: 1, address: 0x20, chip: generic }
            points:
              - { id: inputs, register: 0x09, type: uint16, length: 1 }
              - { id: level, register: 0x10, type: float32, order: CDAB }
          - id: board
            gpio: { chip: 0 }
            poll: 1s
            points:
              - { id: door, pin: 17, type: bool, pull: up, debounce: 20ms }
              - { id: flow_pulses, pin: 27, type: counter, edge: rising, scale: 0.5, unit: l }
              - { id: flow_rate, pin: 27, type: counter, rate: true, scale: 30, unit: l/min }
              - { id: lamp, pin: 22, type: bool, output: true, writable: true }
        """;

    private static string[] Errors(string yaml) =>
        [.. Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "gw.yaml")).Errors.Select(e => e.ToString())];

    private static string WithDevice(string device) => "gateway:\n  id: gw\ndevices:\n" + device;

    [Fact]
    public void I2c_and_gpio_devices_are_read_into_their_records()
    {
        GatewayConfig config = ConfigLoader.Parse(Board, "gw.yaml");

        DeviceConfig cabinet = config.Devices[0];
        Assert.Equal(new I2cDeviceConfig(1, 0x76, "bme280", cabinet.I2c!.Settings), cabinet.I2c);
        Assert.Equal(new Dictionary<string, string> { ["oversampling"] = "4", ["filter"] = "2" }, cabinet.I2c.Settings);
        Assert.Equal(TimeSpan.FromSeconds(5), cabinet.Poll);
        Assert.Equal(new I2cPointConfig("temperature"), cabinet.Points[0].I2c);
        Assert.Equal(0.01, cabinet.Points[1].Scale);
        Assert.Equal("hPa", cabinet.Points[1].Unit);

        Assert.Equal(0x48, config.Devices[1].I2c!.Address);
        Assert.Equal("4.096", config.Devices[1].I2c!.Settings["gain"]);
        Assert.Equal(-2.5, config.Devices[1].Points[0].Offset);
        Assert.Equal("0.1", config.Devices[2].I2c!.Settings["shuntOhms"]);

        DeviceConfig expander = config.Devices[3];
        Assert.Equal(new I2cPointConfig(null, 0x09, 1), expander.Points[0].I2c);
        Assert.Equal(new I2cPointConfig(null, 0x10, null, WordOrder.CDAB), expander.Points[1].I2c);
        Assert.Equal(PointType.Float32, expander.Points[1].Type);

        DeviceConfig board = config.Devices[4];
        Assert.Equal(new GpioDeviceConfig(0), board.Gpio);
        Assert.Equal(new GpioPointConfig(17, GpioPointKind.Input, "up", TimeSpan.FromMilliseconds(20)), board.Points[0].Gpio);
        Assert.Equal(PointType.Bool, board.Points[0].Type);
        Assert.Equal(new GpioPointConfig(27, GpioPointKind.Counter, Edge: "rising"), board.Points[1].Gpio);
        Assert.Equal(PointType.Counter, board.Points[1].Type);
        Assert.False(GpioPointRules.IsRate(board.Points[1]));
        Assert.Equal(PointType.Float64, board.Points[2].Type);  // the rate is a float64 point on the same counter
        Assert.True(GpioPointRules.IsRate(board.Points[2]));
        Assert.Equal(new GpioPointConfig(22, GpioPointKind.Output), board.Points[3].Gpio);
        Assert.NotNull(board.Points[3].Writable);
    }

    [Fact]
    public void The_configured_devices_build_their_sources()
    {
        GatewayConfig config = ConfigLoader.Parse(Board, "gw.yaml");
        var table = new PointTable(config.Devices);

        // Construction validates chips, settings and points; no hardware is touched before RunAsync.
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(i, new I2cDeviceSource(i, table).Device);
        }

        Assert.Equal(4, new GpioDeviceSource(4, table).Device);
    }

    [Fact]
    public void An_unknown_chip_is_reported_at_its_value()
    {
        string yaml = WithDevice("""
              - id: cabinet
                i2c: { bus: 1, address: 0x76, chip: bme680 }
                points:
                  - { id: temp, measurement: temperature }
            """);

        Assert.Equal(["gw.yaml:5:41: devices[0].i2c.chip: 'bme680' is not one of bme280, sht3x, sht4x, ads1115, ina219, generic"], Errors(yaml));
    }

    [Fact]
    public void A_measurement_the_chip_does_not_provide_and_a_bad_setting_are_reported_with_positions()
    {
        string yaml = WithDevice("""
              - id: loop
                i2c: { bus: 1, address: 0x48, chip: ads1115, gain: 5 }
                points:
                  - { id: p, measurement: ain4 }
                  - { id: t, measurement: temperature }
            """);

        Assert.Equal(
        [
            "gw.yaml:5:56: devices[0].i2c.gain: '5' is not an ADS1115 full-scale range: expected 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 (volts)",
            "gw.yaml:7:31: devices[0].points[0].measurement: ads1115 has no measurement 'ain4' (it provides ain0, ain1, ain2, ain3, diff01, diff03, diff13, diff23)",
            "gw.yaml:8:31: devices[0].points[1].measurement: ads1115 has no measurement 'temperature' (it provides ain0, ain1, ain2, ain3, diff01, diff03, diff13, diff23)",
        ], Errors(yaml));
    }

    [Fact]
    public void Gpio_pin_conflicts_and_misplaced_keys_are_reported_at_the_point()
    {
        string yaml = WithDevice("""
              - id: board
                gpio: { chip: 0 }
                points:
                  - { id: door, pin: 17, type: bool, pull: up }
                  - { id: lamp, pin: 17, type: bool, output: true, writable: true }
                  - { id: flow, pin: 27, type: counter, debounce: 5ms }
                  - { id: alarm, pin: 5, type: bool, rate: true }
            """);

        Assert.Equal(
        [
            "gw.yaml:8:26: devices[0].points[1].pin: pin 17 is already used by point 'door' (input); only counter points may share a pin",
            "gw.yaml:9:55: devices[0].points[2].debounce: debounce applies to inputs; counters count every edge (filter a bouncing contact in hardware)",
            "gw.yaml:10:48: devices[0].points[3].rate: rate applies to counters (type: counter)",
        ], Errors(yaml));
    }
}
