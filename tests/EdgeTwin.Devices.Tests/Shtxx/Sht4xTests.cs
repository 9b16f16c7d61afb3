using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Shtxx;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Shtxx;

public sealed class Sht4xTests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    [Theory]
    // SHT4x datasheet 4.6: RH = -6 + 125·S_RH/(2^16-1), cropped to 0..100 %RH; 0x6666 = 0.4·65535 → 44 %RH.
    [InlineData(0x0000, 0.0)]
    [InlineData(0x0C49, 0.0)]
    [InlineData(0x6666, 44.0)]
    [InlineData(0xFFFF, 100.0)]
    public void Humidity_conversion_follows_the_datasheet_formula_and_is_cropped(int raw, double percent)
    {
        Assert.Equal(percent, Sht4x.Humidity((ushort)raw), 9);
    }

    [Theory]
    [InlineData(0x0000, -45.0)]
    [InlineData(0x6666, 25.0)]
    [InlineData(0xFFFF, 130.0)]
    public void Temperature_conversion_follows_the_datasheet_formula(int raw, double celsius)
    {
        Assert.Equal(celsius, Sht4x.Temperature((ushort)raw), 9);
    }

    [Theory]
    [InlineData(Sht4xPrecision.High, 0xFD)]
    [InlineData(Sht4xPrecision.Medium, 0xF6)]
    [InlineData(Sht4xPrecision.Low, 0xE0)]
    public async Task Measurement_uses_the_precision_command(Sht4xPrecision precision, int command)
    {
        var sim = new Sht4xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 };
        var sht = new Sht4x(sim, precision, _clock);

        TemperatureHumidityReading reading = await sht.ReadAsync();

        Assert.Equal(25.0, reading.TemperatureCelsius, 6);
        Assert.Equal(44.0, reading.HumidityPercent, 6);
        Assert.Equal(command, sim.Commands[^1]);
    }

    [Fact]
    public async Task Initialisation_resets_and_reads_the_serial_number()
    {
        var sim = new Sht4xSimulator { SerialNumber = 0x1234_ABCD };
        var sht = new Sht4x(sim, timeProvider: _clock);

        await sht.InitializeAsync();

        Assert.Equal(0x1234_ABCDu, sht.SerialNumber);
        Assert.Equal([0x94, 0x89], sim.Commands);
    }

    [Fact]
    public async Task Corrupted_serial_number_crc_is_reported()
    {
        var sim = new Sht4xSimulator { CorruptWord = 1 };
        var sht = new Sht4x(sim, timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cCrcMismatchException>(() => sht.ReadSerialNumberAsync().AsTask());

        Assert.Equal(1, ex.WordIndex);
        Assert.Equal(0x89, ex.Register);
    }

    [Fact]
    public async Task Corrupted_measurement_crc_is_reported_and_the_next_read_reinitialises()
    {
        var sim = new Sht4xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 };
        var sht = new Sht4x(sim, timeProvider: _clock);
        await sht.InitializeAsync();
        sim.CorruptWord = 0;

        await Assert.ThrowsAsync<I2cCrcMismatchException>(() => sht.ReadAsync().AsTask());
        Assert.Null(sht.SerialNumber);
        sim.CorruptWord = -1;
        TemperatureHumidityReading reading = await sht.ReadAsync();

        Assert.Equal(25.0, reading.TemperatureCelsius, 6);
        Assert.NotNull(sht.SerialNumber);
    }

    [Fact]
    public async Task Measurement_that_never_completes_times_out()
    {
        var sim = new Sht4xSimulator();
        var sht = new Sht4x(sim, timeProvider: _clock);
        await sht.InitializeAsync();
        sim.StuckBusy = true;

        var ex = await Assert.ThrowsAsync<I2cTimeoutException>(() => sht.ReadAsync().AsTask());

        Assert.Equal(0xFD, ex.Register);
        Assert.True(ex.Timeout > TimeSpan.Zero);
    }
}
