using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Acquisition.Tests.Devices;

public sealed class I2cDriverOptionsTests
{
    private static (I2cDriverOptions Options, List<SensorConfigError> Errors) Parse(string chip, params (string Key, string Value)[] settings)
    {
        var errors = new List<SensorConfigError>();
        I2cDriverOptions options = I2cDriverOptions.Parse(chip, settings.ToDictionary(s => s.Key, s => s.Value), errors);
        return (options, errors);
    }

    [Theory]
    [InlineData("6.144", Ads1115Gain.Fsr6144mV)]
    [InlineData("4.096V", Ads1115Gain.Fsr4096mV)]
    [InlineData("±2.048 V", Ads1115Gain.Fsr2048mV)]
    [InlineData("0.256", Ads1115Gain.Fsr256mV)]
    public void Ads1115_gain_is_the_full_scale_range_in_volts(string text, Ads1115Gain expected)
    {
        (I2cDriverOptions options, List<SensorConfigError> errors) = Parse("ads1115", ("gain", text), ("dataRate", "475sps"));

        Assert.Empty(errors);
        Assert.Equal(expected, options.Ads1115Gain);
        Assert.Equal(Ads1115DataRate.Sps475, options.Ads1115DataRate);
    }

    [Fact]
    public void Bme280_settings_map_to_the_driver()
    {
        (I2cDriverOptions options, List<SensorConfigError> errors) = Parse("BME280", ("mode", "normal"), ("oversampling", "x4"), ("filter", "16"));

        Assert.Empty(errors);
        Assert.Equal(I2cChip.Bme280, options.Chip);
        Assert.Equal(Bme280Mode.Normal, options.Bme280.Mode);
        Assert.Equal(Bme280Oversampling.X4, options.Bme280.TemperatureOversampling);
        Assert.Equal(Bme280Oversampling.X4, options.Bme280.PressureOversampling);
        Assert.Equal(Bme280Oversampling.X4, options.Bme280.HumidityOversampling);
        Assert.Equal(Bme280Filter.X16, options.Bme280.Filter);
    }

    [Fact]
    public void Sensirion_and_ina219_settings_map_to_the_driver()
    {
        Assert.Equal(Sht3xRepeatability.Low, Parse("sht3x", ("repeatability", "low")).Options.Sht3xRepeatability);
        Assert.Equal(Sht4xPrecision.Medium, Parse("sht4x", ("precision", "medium")).Options.Sht4xPrecision);

        // Datasheet 8.5.1 procedure: 0.1 Ω, 2 A expected -> Current_LSB 100 µA, calibration 4096.
        Ina219Settings ina = Parse("ina219", ("shuntOhms", "0.1"), ("maxCurrent", "2"), ("mode", "triggered")).Options.Ina219;
        Assert.Equal(4096, ina.Calibration.Register);
        Assert.Equal(100e-6, ina.Calibration.CurrentLsb, 15);
        Assert.Equal(Ina219Mode.ShuntAndBusTriggered, ina.Mode);
    }

    [Fact]
    public void Bad_values_and_settings_of_other_chips_are_errors_naming_the_key()
    {
        (_, List<SensorConfigError> errors) = Parse("bme280", ("oversampling", "3"), ("gain", "2.048"), ("mode", "turbo"));

        Assert.Equal(
        [
            new SensorConfigError("gain", "is not a setting of bme280 (it takes mode, oversampling, filter)"),
            new SensorConfigError("mode", "'turbo' is not a BME280 mode: expected forced or normal"),
            new SensorConfigError("oversampling", "'3' is not a BME280 oversampling: expected 1, 2, 4, 8 or 16 (or x1..x16)"),
        ], errors);
        Assert.Equal(new SensorConfigError("shuntOhms", "'-1' is not a positive number (Ω)"), Assert.Single(Parse("ina219", ("shuntOhms", "-1")).Errors));
        Assert.Equal("maxCurrent", Assert.Single(Parse("ina219", ("shuntOhms", "0.0001"), ("maxCurrent", "0.001")).Errors).Key);
        Assert.Equal("chip: 'bmp180' is not a supported chip: expected one of bme280, sht3x, sht4x, ads1115, ina219, generic", Assert.Single(Parse("bmp180").Errors).ToString());
    }

    [Fact]
    public void Point_checks_name_the_key_and_what_the_chip_provides()
    {
        PointConfig Register(PointType type, int? length) => new() { Id = "r", Type = type, I2c = new I2cPointConfig(null, 0x10, length) };

        Assert.Empty(I2cSensorCatalog.CheckPoint("ina219", new PointConfig { Id = "i", I2c = new I2cPointConfig("current") }));
        Assert.Equal("measurement: ina219 has no measurement 'humidity' (it provides bus_voltage, shunt_voltage, current, power)",
            Assert.Single(I2cSensorCatalog.CheckPoint("ina219", new PointConfig { Id = "h", I2c = new I2cPointConfig("humidity") })).ToString());
        Assert.Empty(I2cSensorCatalog.CheckPoint("generic", Register(PointType.UInt32, 4)));
        Assert.Equal("length", Assert.Single(I2cSensorCatalog.CheckPoint("generic", Register(PointType.UInt16, 4))).Key);
        Assert.Equal("type", Assert.Single(I2cSensorCatalog.CheckPoint("generic", Register(PointType.Float64, null))).Key);
        Assert.Equal("register", Assert.Single(I2cSensorCatalog.CheckPoint("generic", new PointConfig { Id = "x", Type = PointType.Int32, I2c = new I2cPointConfig(null, 0xFE) })).Key);
        Assert.Equal("writable", Assert.Single(I2cSensorCatalog.CheckPoint("sht4x", new PointConfig
        {
            Id = "t",
            Writable = new WriteRule(null, null, null),
            I2c = new I2cPointConfig("temperature"),
        })).Key);
    }
}
