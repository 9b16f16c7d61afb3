using EdgeTwin.Devices.Bmx280;

namespace EdgeTwin.Devices.Tests.Bmx280;

public sealed class Bme280CompensationTests
{
    private static readonly Bme280Calibration Cal = DatasheetExample.Calibration;

    [Fact]
    public void Temperature_integer_formula_gives_datasheet_25_08_degrees()
    {
        int centi = Bme280Compensation.TemperatureInt32(DatasheetExample.AdcT, Cal, out int tFine);

        Assert.Equal(DatasheetExample.TFine, tFine);
        Assert.Equal(2508, centi);
    }

    [Fact]
    public void Temperature_double_formula_gives_datasheet_25_08_degrees()
    {
        double t = Bme280Compensation.TemperatureDouble(DatasheetExample.AdcT, Cal, out int tFine);

        Assert.Equal(DatasheetExample.TFine, tFine);
        Assert.Equal(25.08, t, 2);
    }

    [Fact]
    public void Pressure_double_formula_gives_datasheet_100653_27_pascal()
    {
        double p = Bme280Compensation.PressureDouble(DatasheetExample.AdcP, DatasheetExample.TFine, Cal);

        // The datasheet table carries the unrounded t_fine (128422.29) into the pressure step and prints
        // 100653.27; the datasheet code passes the integer t_fine (128422), which lands 0.01 Pa lower.
        Assert.InRange(p, 100653.27 - 0.02, 100653.27 + 0.02);
    }

    [Fact]
    public void Pressure_64bit_integer_formula_agrees_with_datasheet_within_its_1_256_pascal_resolution()
    {
        uint q24_8 = Bme280Compensation.PressureInt64(DatasheetExample.AdcP, DatasheetExample.TFine, Cal);

        Assert.InRange(q24_8 / 256.0, 100653.27 - 0.1, 100653.27 + 0.1);
    }

    [Fact]
    public void Pressure_returns_zero_instead_of_dividing_by_zero_when_dig_P1_is_zero()
    {
        Bme280Calibration broken = Cal with { DigP1 = 0 };

        Assert.Equal(0u, Bme280Compensation.PressureInt64(DatasheetExample.AdcP, DatasheetExample.TFine, broken));
        Assert.Equal(0.0, Bme280Compensation.PressureDouble(DatasheetExample.AdcP, DatasheetExample.TFine, broken));
    }

    [Theory]
    [InlineData(20000)]
    [InlineData(30000)]
    [InlineData(40000)]
    public void Humidity_integer_and_double_formulas_agree(int adcH)
    {
        double fromInt = Bme280Compensation.HumidityInt32(adcH, DatasheetExample.TFine, Cal) / 1024.0;
        double fromDouble = Bme280Compensation.HumidityDouble(adcH, DatasheetExample.TFine, Cal);

        Assert.InRange(fromDouble, 0.0, 100.0);
        Assert.Equal(fromDouble, fromInt, 1);
    }

    [Fact]
    public void Humidity_is_monotonic_in_the_raw_value()
    {
        double low = Bme280Compensation.HumidityDouble(25000, DatasheetExample.TFine, Cal);
        double high = Bme280Compensation.HumidityDouble(35000, DatasheetExample.TFine, Cal);

        Assert.True(high > low, $"{high} should exceed {low}");
    }

    [Fact]
    public void Humidity_is_clamped_to_0_and_100_percent()
    {
        Assert.Equal(0u, Bme280Compensation.HumidityInt32(0, DatasheetExample.TFine, Cal));
        Assert.Equal(0.0, Bme280Compensation.HumidityDouble(0, DatasheetExample.TFine, Cal));
        Assert.Equal(100u * 1024, Bme280Compensation.HumidityInt32(65535, DatasheetExample.TFine, Cal));
        Assert.Equal(100.0, Bme280Compensation.HumidityDouble(65535, DatasheetExample.TFine, Cal));
    }

    [Fact]
    public void Calibration_parse_decodes_little_endian_words_and_packed_H4_H5()
    {
        // Layout of BME280 datasheet table 16; negative H4/H5 check the sign extension of the 12-bit fields.
        Bme280Calibration expected = Cal with { DigH4 = -300, DigH5 = -45, DigH6 = -7 };
        var sim = new Simulation.Bme280Simulator(expected);
        byte[] block88 = sim.Registers.AsSpan(0x88, 26).ToArray();
        byte[] blockE1 = sim.Registers.AsSpan(0xE1, 7).ToArray();

        Assert.Equal(expected, Bme280Calibration.Parse(block88, blockE1));
    }

    [Fact]
    public void Calibration_parse_rejects_wrong_block_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bme280Calibration.Parse(new byte[25], new byte[7]));
        Assert.Contains("0x88", ex.Message);
        Assert.Throws<ArgumentException>(() => Bme280Calibration.Parse(new byte[26], new byte[6]));
    }

    [Fact]
    public void Max_measurement_time_follows_datasheet_9_1()
    {
        // 1.25 + 2.3·1 + (2.3·1 + 0.575) + (2.3·1 + 0.575) = 9.3 ms at ×1; 1.25 + 2.3·16·3 + 1.15 = 112.8 ms at ×16.
        Assert.Equal(9.3, new Bme280Settings().MaxMeasurementTime.TotalMilliseconds, 3);
        var x16 = new Bme280Settings
        {
            TemperatureOversampling = Bme280Oversampling.X16,
            PressureOversampling = Bme280Oversampling.X16,
            HumidityOversampling = Bme280Oversampling.X16,
        };
        Assert.Equal(112.8, x16.MaxMeasurementTime.TotalMilliseconds, 3);
        var onlyT = new Bme280Settings { PressureOversampling = Bme280Oversampling.Skipped, HumidityOversampling = Bme280Oversampling.Skipped };
        Assert.Equal(3.55, onlyT.MaxMeasurementTime.TotalMilliseconds, 3);
    }
}
