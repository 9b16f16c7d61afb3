using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Ina2xx;

public sealed class Ina219Tests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    /// <summary>
    /// TI INA219 datasheet SBOS448 (rev. F table 3 "Configure/Measure/Calculate Example"; rev. G section 9.2.2.1):
    /// load 10 A, VCM 12 V, R_SHUNT 2 mΩ, shunt FSR 40 mV, bus FSR 16 V; Current_LSB 1 mA.
    /// Configuration 0x019F, shunt 0x07D0 (20 mV), bus 0x5D98 (11.98 V), calibration 0x5000 (20480),
    /// current 0x2710 (10.0 A), power 0x1766 (119.8 W).
    /// </summary>
    private static Ina219Settings DatasheetSettings => new(Ina219Calibration.FromCurrentLsb(0.002, 0.001))
    {
        BusVoltageRange = Ina219BusVoltageRange.Range16V,
        ShuntRange = Ina219ShuntRange.Range40mV,
    };

    [Fact]
    public void Datasheet_example_calibration_is_0x5000()
    {
        Ina219Calibration cal = Ina219Calibration.FromCurrentLsb(0.002, 0.001);

        Assert.Equal(0x5000, cal.Register);
        Assert.Equal(0.020, cal.PowerLsb, 12);
    }

    [Fact]
    public void Datasheet_example_configuration_is_0x019F()
    {
        Assert.Equal(0x019F, DatasheetSettings.ConfigurationRegister);
        Assert.Equal(Ina219.ConfigurationResetValue, new Ina219Settings(DatasheetSettings.Calibration).ConfigurationRegister);
    }

    [Fact]
    public async Task Datasheet_example_reads_11_98_V_20_mV_10_A_and_119_8_W()
    {
        var sim = new Ina219Simulator { ShuntRegister = 0x07D0, BusSteps = 0x5D98 >> 3 };
        var ina = new Ina219(sim, DatasheetSettings, _clock);

        Ina219Reading reading = await ina.ReadAsync();

        Assert.Equal(0x019F, sim.Configuration);
        Assert.Equal(0x5000, sim.Calibration);
        Assert.Equal(11.98, reading.BusVolts, 9);
        Assert.Equal(0.020, reading.ShuntVolts, 9);
        Assert.Equal(10.0, reading.Amperes, 9);
        Assert.Equal(119.8, reading.Watts, 9);
        Assert.False(reading.MathOverflow);
    }

    [Fact]
    public void Register_conversions_follow_the_datasheet_lsbs()
    {
        Assert.Equal(11.98, Ina219.BusVolts(0x5D98), 9);              // BD = bits 15:3, 4 mV
        Assert.Equal(32.0, Ina219.BusVolts(8000 << 3), 9);             // 32 V full scale = 8000 (0x1F40)
        Assert.Equal(-0.320, Ina219.ShuntVolts(unchecked((ushort)-32000)), 9); // 10 µV, sign-extended
        Assert.Equal(0.020, Ina219.ShuntVolts(0x07D0), 9);
    }

    [Fact]
    public void Max_expected_current_procedure_rounds_the_minimum_lsb_up_to_a_1_2_5_step()
    {
        // Datasheet 8.5.1 procedure with R_SHUNT = 0.1 Ω and 2 A expected: Minimum_LSB = 2/2^15 = 61.04 µA;
        // the next round step is 100 µA, giving Cal = trunc(0.04096 / (100 µA × 0.1 Ω)) = 4096, Power_LSB = 2 mW.
        Ina219Calibration cal = Ina219Calibration.ForMaxExpectedCurrent(0.1, 2.0);

        Assert.Equal(100e-6, cal.CurrentLsb, 15);
        Assert.Equal(4096, cal.Register);
        Assert.Equal(0.002, cal.PowerLsb, 12);
        Assert.True(cal.MaxCurrent >= 2.0);
    }

    [Theory]
    [InlineData(61.04e-6, 100e-6)]
    [InlineData(150e-6, 200e-6)]
    [InlineData(300e-6, 500e-6)]
    [InlineData(500e-6, 500e-6)]
    [InlineData(0.0011, 0.002)]
    public void Round_up_125_picks_the_next_series_value(double value, double expected)
    {
        Assert.Equal(expected, Ina219Calibration.RoundUp125(value), 12);
    }

    [Fact]
    public void Calibration_out_of_register_range_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ina219Calibration.FromCurrentLsb(0.001, 1e-7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ina219Calibration.FromCurrentLsb(0, 0.001));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ina219Calibration.ForMaxExpectedCurrent(0.1, -1));
    }

    [Fact]
    public async Task Negative_current_reads_negative()
    {
        var sim = new Ina219Simulator { ShuntRegister = -2000, BusSteps = 3000 };
        var ina = new Ina219(sim, DatasheetSettings, _clock);

        Ina219Reading reading = await ina.ReadAsync();

        Assert.Equal(-10.0, reading.Amperes, 9);
        Assert.Equal(-0.020, reading.ShuntVolts, 9);
    }

    [Fact]
    public async Task Overflow_flag_is_reported()
    {
        var sim = new Ina219Simulator { ShuntRegister = 32000, BusSteps = 3000 };
        var ina = new Ina219(sim, DatasheetSettings, _clock); // 32000 × 20480 / 4096 = 160000 > 32767

        Ina219Reading reading = await ina.ReadAsync();

        Assert.True(reading.MathOverflow);
    }

    [Fact]
    public async Task Triggered_mode_starts_a_conversion_and_polls_cnvr()
    {
        var sim = new Ina219Simulator { ShuntRegister = 0x07D0, BusSteps = 0x5D98 >> 3, TriggeredReads = 3 };
        var ina = new Ina219(sim, DatasheetSettings with { Mode = Ina219Mode.ShuntAndBusTriggered }, _clock);

        Ina219Reading reading = await ina.ReadAsync();

        Assert.True(reading.ConversionReady);
        Assert.Equal(10.0, reading.Amperes, 9);
        Assert.Equal(0x0198 | (int)Ina219Mode.ShuntAndBusTriggered, sim.Configuration);
    }

    [Fact]
    public async Task Triggered_conversion_that_never_completes_times_out_on_the_bus_register()
    {
        var sim = new Ina219Simulator { StuckBusy = true };
        var ina = new Ina219(sim, DatasheetSettings with { Mode = Ina219Mode.ShuntAndBusTriggered }, _clock);

        var ex = await Assert.ThrowsAsync<I2cTimeoutException>(() => ina.ReadAsync().AsTask());

        Assert.Equal(0x02, ex.Register);
        Assert.Contains("CNVR", ex.Message);
    }

    [Fact]
    public async Task Lost_calibration_after_a_power_cycle_is_an_error_and_the_next_read_reprograms()
    {
        var sim = new Ina219Simulator { ShuntRegister = 0x07D0, BusSteps = 0x5D98 >> 3 };
        var ina = new Ina219(sim, DatasheetSettings, _clock);
        await ina.ReadAsync();
        sim.PowerCycle();

        var ex = await Assert.ThrowsAsync<I2cDeviceException>(() => ina.ReadAsync().AsTask());
        Assert.Equal(0x05, ex.Register);
        Assert.Contains("device reset", ex.Message);

        Ina219Reading reading = await ina.ReadAsync();
        Assert.Equal(10.0, reading.Amperes, 9);
    }

    [Fact]
    public async Task A_chip_that_does_not_reset_to_0x399F_is_rejected()
    {
        var ads = new Ads1115Simulator(0x40);
        var ina = new Ina219(ads, DatasheetSettings, _clock);

        var ex = await Assert.ThrowsAsync<I2cWrongChipIdException>(() => ina.ReadAsync().AsTask());

        Assert.Equal(0x399F, ex.Expected);
        Assert.Equal(0x00, ex.Register);
    }

    [Fact]
    public async Task Missing_monitor_is_not_responding()
    {
        var ina = new Ina219(new AbsentI2cDevice(0x41), DatasheetSettings, _clock);

        var ex = await Assert.ThrowsAsync<I2cNotRespondingException>(() => ina.ReadAsync().AsTask());

        Assert.Equal("I2C bus 1, address 0x41, register 0x00: device did not respond (NACK or bus error)", ex.Message);
    }
}
