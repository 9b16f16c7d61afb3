using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Shtxx;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Shtxx;

public sealed class Sht3xTests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    [Theory]
    // SHT3x-DIS datasheet 4.13: T = -45 + 175·S_T/(2^16-1), RH = 100·S_RH/(2^16-1); the ends of the range and
    // S_T = 0x6666 = 0.4·65535 → 25.0 °C.
    [InlineData(0x0000, -45.0)]
    [InlineData(0xFFFF, 130.0)]
    [InlineData(0x6666, 25.0)]
    public void Temperature_conversion_follows_the_datasheet_formula(int raw, double celsius)
    {
        Assert.Equal(celsius, Sht3x.Temperature((ushort)raw), 9);
    }

    [Theory]
    [InlineData(0x0000, 0.0)]
    [InlineData(0xFFFF, 100.0)]
    [InlineData(0x6666, 40.0)]
    public void Humidity_conversion_follows_the_datasheet_formula(int raw, double percent)
    {
        Assert.Equal(percent, Sht3x.Humidity((ushort)raw), 9);
    }

    [Theory]
    [InlineData(Sht3xRepeatability.High, 0x2400)]
    [InlineData(Sht3xRepeatability.Medium, 0x240B)]
    [InlineData(Sht3xRepeatability.Low, 0x2416)]
    public async Task Single_shot_without_clock_stretching_uses_the_repeatability_command(Sht3xRepeatability repeatability, int command)
    {
        var sim = new Sht3xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 };
        var sht = new Sht3x(sim, repeatability, _clock);

        TemperatureHumidityReading reading = await sht.ReadAsync();

        Assert.Equal(25.0, reading.TemperatureCelsius, 6);
        Assert.Equal(40.0, reading.HumidityPercent, 6);
        Assert.Equal(0x6666, reading.RawTemperature);
        Assert.Equal(command, sim.Commands[^1]);
    }

    [Fact]
    public async Task Initialisation_soft_resets_reads_and_clears_status()
    {
        var sim = new Sht3xSimulator();
        var sht = new Sht3x(sim, timeProvider: _clock);

        await sht.InitializeAsync();

        Assert.Equal([0x30A2, 0xF32D, 0x3041], sim.Commands);
        Assert.False(sht.ReadStatus().ResetDetected);
    }

    [Fact]
    public void Status_register_bits_are_decoded()
    {
        var sim = new Sht3xSimulator { Status = 0x8000 | 0x2000 | 0x0800 | 0x0400 | 0x0010 | 0x0002 | 0x0001 };
        Sht3xStatus status = new Sht3x(sim, timeProvider: _clock).ReadStatus();

        Assert.True(status.AlertPending && status.HeaterOn && status.HumidityAlert && status.TemperatureAlert);
        Assert.True(status.ResetDetected && status.LastCommandFailed && status.WriteChecksumFailed);
        Sht3xStatus clear = new Sht3x(new Sht3xSimulator { Status = 0 }, timeProvider: _clock).ReadStatus();
        Assert.False(clear.AlertPending || clear.HeaterOn || clear.ResetDetected || clear.LastCommandFailed);
    }

    [Fact]
    public void Heater_commands_reach_the_sensor()
    {
        var sim = new Sht3xSimulator();
        var sht = new Sht3x(sim, timeProvider: _clock);

        sht.SetHeater(true);
        Assert.True(sim.HeaterOn);
        Assert.True(sht.ReadStatus().HeaterOn);
        sht.SetHeater(false);
        Assert.False(sim.HeaterOn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Corrupted_crc_on_either_word_is_reported_with_the_word_index(int word)
    {
        var sim = new Sht3xSimulator { RawTemperature = 0x6666, RawHumidity = 0x6666 };
        var sht = new Sht3x(sim, timeProvider: _clock);
        await sht.InitializeAsync();
        sim.CorruptWord = word;

        var ex = await Assert.ThrowsAsync<I2cCrcMismatchException>(() => sht.ReadAsync().AsTask());

        Assert.Equal(word, ex.WordIndex);
        Assert.Equal(0x2400, ex.Register);
        Assert.NotEqual(ex.Expected, ex.Actual);
        Assert.StartsWith("I2C bus 1, address 0x44, command 0x2400: CRC mismatch in word", ex.Message);
    }

    [Fact]
    public async Task Corrupted_status_crc_fails_initialisation()
    {
        var sim = new Sht3xSimulator { CorruptWord = 0 };
        var sht = new Sht3x(sim, timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cCrcMismatchException>(() => sht.InitializeAsync().AsTask());
        Assert.Equal(0xF32D, ex.Register);
    }

    [Fact]
    public async Task Read_NACKed_while_measuring_is_retried_until_ready()
    {
        var sim = new Sht3xSimulator { RawTemperature = 0x6666, RawHumidity = 0, BusyReads = 4 };
        var sht = new Sht3x(sim, timeProvider: _clock);

        TemperatureHumidityReading reading = await sht.ReadAsync();

        Assert.Equal(25.0, reading.TemperatureCelsius, 6);
    }

    [Fact]
    public async Task Measurement_that_never_completes_times_out_naming_the_command()
    {
        var sim = new Sht3xSimulator();
        var sht = new Sht3x(sim, timeProvider: _clock);
        await sht.InitializeAsync();
        sim.StuckBusy = true;

        var ex = await Assert.ThrowsAsync<I2cTimeoutException>(() => sht.ReadAsync().AsTask());

        Assert.Equal(0x2400, ex.Register);
        Assert.Contains("command 0x2400", ex.Message);
    }

    [Fact]
    public async Task Missing_sensor_is_not_responding()
    {
        var sht = new Sht3x(new AbsentI2cDevice(0x45), timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cNotRespondingException>(() => sht.ReadAsync().AsTask());

        Assert.Equal(0x45, ex.Address);
        Assert.Equal(0x30A2, ex.Register);
    }
}
