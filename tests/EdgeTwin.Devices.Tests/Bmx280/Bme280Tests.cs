using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Bmx280;

public sealed class Bme280Tests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    private static Bme280Simulator NewSimulator() => new(DatasheetExample.Calibration)
    {
        RawTemperature = DatasheetExample.AdcT,
        RawPressure = DatasheetExample.AdcP,
        RawHumidity = 30000,
    };

    [Fact]
    public async Task Forced_mode_read_gives_the_datasheet_temperature_and_pressure()
    {
        Bme280Simulator sim = NewSimulator();
        var bme = new Bme280(sim, timeProvider: _clock);

        Bme280Reading reading = await bme.ReadAsync();

        Assert.Equal(25.08, reading.TemperatureCelsius, 2);
        Assert.InRange(reading.PressurePascal!.Value, 100653.27 - 0.1, 100653.27 + 0.1);
        double expectedHumidity = Bme280Compensation.HumidityInt32(30000, DatasheetExample.TFine, DatasheetExample.Calibration) / 1024.0;
        Assert.Equal(expectedHumidity, reading.HumidityPercent!.Value, 6);
        Assert.Equal(DatasheetExample.Calibration, bme.Calibration);
        Assert.Equal(1, sim.ForcedMeasurements);
        Assert.Equal(0, sim.ControlMeasurement & 0x03); // back to sleep after the forced measurement
    }

    [Fact]
    public async Task Each_forced_read_triggers_a_new_measurement_and_waits_at_least_the_max_measurement_time()
    {
        Bme280Simulator sim = NewSimulator();
        var bme = new Bme280(sim, timeProvider: _clock);
        await bme.ReadAsync();
        TimeSpan before = _clock.Elapsed;
        sim.RawTemperature = DatasheetExample.AdcT + 16000;

        Bme280Reading second = await bme.ReadAsync();

        Assert.Equal(2, sim.ForcedMeasurements);
        Assert.True(second.TemperatureCelsius > 25.08);
        Assert.True(_clock.Elapsed - before >= bme.Settings.MaxMeasurementTime);
        Assert.Equal(1, sim.Resets); // initialised once
    }

    [Fact]
    public async Task Initialisation_writes_oversampling_filter_and_standby_per_the_register_layout()
    {
        Bme280Simulator sim = NewSimulator();
        var settings = new Bme280Settings
        {
            TemperatureOversampling = Bme280Oversampling.X2,
            PressureOversampling = Bme280Oversampling.X16,
            HumidityOversampling = Bme280Oversampling.X4,
            Filter = Bme280Filter.X8,
            Standby = Bme280Standby.Ms125,
            Mode = Bme280Mode.Normal,
        };
        var bme = new Bme280(sim, settings, _clock);

        await bme.InitializeAsync();

        Assert.Equal(0b011, sim.ControlHumidity);                 // osrs_h ×4
        Assert.Equal((0b010 << 5) | (0b101 << 2) | 0b11, sim.ControlMeasurement); // osrs_t ×2, osrs_p ×16, normal
        Assert.Equal((0b010 << 5) | (0b011 << 2), sim.Config);   // t_sb 125 ms, filter 8
    }

    [Fact]
    public async Task Normal_mode_reads_the_latest_result_without_triggering()
    {
        Bme280Simulator sim = NewSimulator();
        var bme = new Bme280(sim, new Bme280Settings { Mode = Bme280Mode.Normal }, _clock);

        Bme280Reading reading = await bme.ReadAsync();
        Bme280Reading again = await bme.ReadAsync();

        Assert.Equal(25.08, reading.TemperatureCelsius, 2);
        Assert.Equal(reading, again);
        Assert.Equal(0, sim.ForcedMeasurements);
    }

    [Fact]
    public async Task Skipped_pressure_and_humidity_read_as_null()
    {
        Bme280Simulator sim = NewSimulator();
        var settings = new Bme280Settings { PressureOversampling = Bme280Oversampling.Skipped, HumidityOversampling = Bme280Oversampling.Skipped };
        var bme = new Bme280(sim, settings, _clock);

        Bme280Reading reading = await bme.ReadAsync();

        Assert.Equal(25.08, reading.TemperatureCelsius, 2);
        Assert.Null(reading.PressurePascal);
        Assert.Null(reading.HumidityPercent);
    }

    [Fact]
    public void Skipping_temperature_is_rejected_because_pressure_and_humidity_need_t_fine()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new Bme280(NewSimulator(), new Bme280Settings { TemperatureOversampling = Bme280Oversampling.Skipped }));
        Assert.Contains("temperature", ex.Message);
    }

    [Fact]
    public async Task Wrong_chip_id_is_reported_with_expected_and_actual_id()
    {
        var bmp280 = new Bme280Simulator(DatasheetExample.Calibration, chipId: 0x58);
        var bme = new Bme280(bmp280, timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cWrongChipIdException>(() => bme.ReadAsync().AsTask());

        Assert.Equal(0x60, ex.Expected);
        Assert.Equal(0x58, ex.Actual);
        Assert.Equal(0xD0, ex.Register);
        Assert.Equal("I2C bus 1, address 0x76, register 0xD0: expected BME280 id 0x60, read 0x58", ex.Message);
    }

    [Fact]
    public async Task Missing_device_gives_not_responding_naming_bus_address_and_register()
    {
        Bme280Simulator sim = NewSimulator();
        sim.Nack = true;
        var bme = new Bme280(sim, timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cNotRespondingException>(() => bme.ReadAsync().AsTask());

        Assert.Equal(1, ex.BusId);
        Assert.Equal(0x76, ex.Address);
        Assert.Equal(0xD0, ex.Register);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.StartsWith("I2C bus 1, address 0x76, register 0xD0:", ex.Message);
    }

    [Fact]
    public async Task Stuck_measuring_bit_times_out_on_the_status_register()
    {
        Bme280Simulator sim = NewSimulator();
        var bme = new Bme280(sim, timeProvider: _clock);
        await bme.InitializeAsync();
        sim.StuckBusy = true;

        var ex = await Assert.ThrowsAsync<I2cTimeoutException>(() => bme.ReadAsync().AsTask());

        Assert.Equal(0xF3, ex.Register);
        Assert.Contains("measuring", ex.Message);
        Assert.True(ex.Timeout > bme.Settings.MaxMeasurementTime);
    }

    [Fact]
    public async Task After_a_fault_the_next_read_reinitialises_and_recovers()
    {
        Bme280Simulator sim = NewSimulator();
        var bme = new Bme280(sim, timeProvider: _clock);
        await bme.ReadAsync();
        sim.Nack = true;
        await Assert.ThrowsAsync<I2cNotRespondingException>(() => bme.ReadAsync().AsTask());
        sim.Nack = false;

        Bme280Reading reading = await bme.ReadAsync();

        Assert.Equal(25.08, reading.TemperatureCelsius, 2);
        Assert.Equal(2, sim.Resets);
    }

    [Fact]
    public async Task Slow_measurement_is_polled_until_the_measuring_bit_clears()
    {
        Bme280Simulator sim = NewSimulator();
        sim.MeasuringStatusReads = 5;
        var bme = new Bme280(sim, timeProvider: _clock);

        Bme280Reading reading = await bme.ReadAsync();

        Assert.Equal(25.08, reading.TemperatureCelsius, 2);
    }
}
