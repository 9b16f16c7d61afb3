using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;
using EdgeTwin.Devices.Tests.Bmx280;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Sensors;

public sealed class I2cSensorFactoryTests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    [Theory]
    [InlineData("bme280", I2cChip.Bme280)]
    [InlineData("SHT3x", I2cChip.Sht3x)]
    [InlineData("sht4x", I2cChip.Sht4x)]
    [InlineData("ads1115", I2cChip.Ads1115)]
    [InlineData("ina219", I2cChip.Ina219)]
    public void Chip_names_parse_case_insensitively(string name, I2cChip chip)
    {
        Assert.True(I2cSensorFactory.TryParseChip(name, out I2cChip parsed));
        Assert.Equal(chip, parsed);
    }

    [Theory]
    [InlineData("bme680")]
    [InlineData("7")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_chip_names_do_not_parse(string? name)
    {
        Assert.False(I2cSensorFactory.TryParseChip(name, out _));
    }

    [Fact]
    public async Task Bme280_reads_as_named_values()
    {
        var sim = new Bme280Simulator(DatasheetExample.Calibration) { RawTemperature = DatasheetExample.AdcT, RawPressure = DatasheetExample.AdcP, RawHumidity = 30000 };
        II2cSensor sensor = I2cSensorFactory.Create(I2cChip.Bme280, sim, _clock);

        IReadOnlyList<SensorValue> values = await sensor.ReadValuesAsync();

        Assert.Equal(I2cChip.Bme280, sensor.Chip);
        Assert.Equal(["temperature", "pressure", "humidity"], values.Select(v => v.Quantity));
        Assert.Equal(25.08, values[0].Value, 2);
        Assert.Equal("°C", values[0].Unit);
        Assert.Equal("temperature = 25.08 °C", values[0].ToString());
    }

    [Fact]
    public async Task Sht3x_and_sht4x_read_temperature_and_humidity()
    {
        II2cSensor sht3 = I2cSensorFactory.Create(I2cChip.Sht3x, new Sht3xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 }, _clock);
        II2cSensor sht4 = I2cSensorFactory.Create(I2cChip.Sht4x, new Sht4xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 }, _clock);

        IReadOnlyList<SensorValue> v3 = await sht3.ReadValuesAsync();
        IReadOnlyList<SensorValue> v4 = await sht4.ReadValuesAsync();

        Assert.Equal([25.0, 40.0], v3.Select(v => Math.Round(v.Value, 6)));
        Assert.Equal([25.0, 44.0], v4.Select(v => Math.Round(v.Value, 6)));
    }

    [Fact]
    public async Task Ads1115_reads_the_four_single_ended_channels()
    {
        var sim = new Ads1115Simulator();
        sim.Inputs[0] = 0.1;
        sim.Inputs[1] = 0.2;
        sim.Inputs[2] = 0.3;
        sim.Inputs[3] = 0.4;

        IReadOnlyList<SensorValue> values = await I2cSensorFactory.Create(I2cChip.Ads1115, sim, _clock).ReadValuesAsync();

        Assert.Equal(["ain0", "ain1", "ain2", "ain3"], values.Select(v => v.Quantity));
        Assert.Equal([0.1, 0.2, 0.3, 0.4], values.Select(v => Math.Round(v.Value, 4)));
    }

    [Fact]
    public async Task Ina219_defaults_to_a_0_1_ohm_shunt()
    {
        // 100 mV across 0.1 Ω is 1 A; with the default 100 µA LSB (3.2 A / 2^15 → 97.7 µA → 100 µA), Cal = 4096.
        var sim = new Ina219Simulator { ShuntRegister = 10000, BusSteps = 3000 };

        IReadOnlyList<SensorValue> values = await I2cSensorFactory.Create(I2cChip.Ina219, sim, _clock).ReadValuesAsync();

        Assert.Equal(4096, sim.Calibration);
        Assert.Equal(12.0, values.Single(v => v.Quantity == "bus_voltage").Value, 9);
        Assert.Equal(1.0, values.Single(v => v.Quantity == "current").Value, 9);
        Assert.Equal(12.0, values.Single(v => v.Quantity == "power").Value, 9);
    }

    [Fact]
    public void Bmp280_has_no_driver()
    {
        Assert.Throws<NotSupportedException>(() => I2cSensorFactory.Create(I2cChip.Bmp280, new AbsentI2cDevice(0x77)));
    }
}
