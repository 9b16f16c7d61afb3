using System.Device.I2c;
using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.Scaling;
using EdgeTwin.Devices.Tests.Simulation;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging;
using static EdgeTwin.Acquisition.Tests.Devices.SensorTables;

namespace EdgeTwin.Acquisition.Tests.Devices;

public sealed class I2cDeviceSourceTests
{
    // Driver waits and the poll loop run on simulated time: no test waits for real measurement or poll intervals.
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    private static async Task<(RecordingSink Sink, IReadOnlyList<RecordedBatch> Batches)> RunUntilAsync(
        IDeviceSource source, Func<IReadOnlyList<RecordedBatch>, bool> condition, string what, int? holdAfter = null)
    {
        var sink = new RecordingSink(holdAfter);
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        IReadOnlyList<RecordedBatch> batches = await sink.WaitForAsync(condition, what);
        await stop.CancelAsync();
        await loop; // RunAsync ends quietly on cancellation
        await source.DisposeAsync();
        return (sink, batches);
    }

    [Fact]
    public async Task Bme280_points_give_the_datasheet_values_scaled_per_point()
    {
        Bme280Simulator sim = BoschExample.Simulator();
        PointTable table = I2c("bme280",
        [
            Measurement("cabinet_temp", "temperature"),
            Measurement("cabinet_pressure", "pressure", scale: 0.01), // Pa -> hPa
            Measurement("cabinet_humidity", "humidity"),
        ]);
        int[] opened = new int[2];
        var source = new I2cDeviceSource(0, table, _clock, (bus, address) =>
        {
            opened[0] = bus;
            opened[1] = address;
            return sim;
        });

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 1, "one cycle", holdAfter: 1);

        Sample[] samples = batches[0].Samples;
        Assert.Equal([1, 0x76], opened);
        Assert.Equal([0, 1, 2], samples.Select(s => s.Point));
        Assert.All(samples, s => Assert.Equal(Quality.Good, s.Quality));
        Assert.Equal(25.08, samples[0].Value, 2);
        Assert.InRange(samples[1].Value, 1006.5327 - 0.001, 1006.5327 + 0.001);
        double humidity = Bme280Compensation.HumidityInt32(BoschExample.AdcH, BoschExample.TFine, BoschExample.Calibration) / 1024.0;
        Assert.Equal(humidity, samples[2].Value, 6);
        Assert.Equal(DeviceState.Online, source.Status.State);
        Assert.Equal(3 * source.Status.Polls, source.Status.Samples);
    }

    [Fact]
    public async Task Ads1115_4_to_20_mA_loop_reads_in_bar_and_a_clipped_input_is_uncertain()
    {
        // 0..10 bar transmitter on a 150 Ω shunt (0.6..3 V, inside the ±4.096 V range at 3.3 V supply).
        LinearScaling loop = LinearScaling.CurrentLoop(150, 0, 10);
        var sim = new Ads1115Simulator(0x48);
        sim.Inputs[0] = 0.012 * 150;  // 12 mA: mid-scale
        sim.Inputs[1] = 0.004 * 150;  // 4 mA: live zero
        sim.Inputs[2] = 4.5;          // beyond full scale
        PointTable table = I2c("ads1115",
        [
            Measurement("line_pressure", "ain0", loop.Scale, loop.Offset),
            Measurement("tank_pressure", "ain1", loop.Scale, loop.Offset),
            Measurement("overrange", "ain2"),
            Measurement("line_volts", "ain0"),
        ], new() { ["gain"] = "4.096", ["dataRate"] = "860" }, address: 0x48);
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => sim);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 1, "one cycle", holdAfter: 1);

        Sample[] s = batches[0].Samples;
        Assert.Equal(5.0, s[0].Value, 3);
        Assert.Equal(0.0, s[1].Value, 3);
        Assert.Equal(Quality.Good, s[0].Quality);
        Assert.Equal(Quality.Uncertain, s[2].Quality);
        Assert.Equal(4.096 * 32767 / 32768, s[2].Value, 6);
        Assert.Equal(1.8, s[3].Value, 3);
        Assert.Equal(3 * source.Status.Polls, sim.Conversions); // ain0 is converted once per cycle for both points that read it
        Assert.Equal(0b111 << 5, sim.LastWrittenConfig & 0x00E0); // DR = 860 SPS
    }

    [Fact]
    public async Task Ina219_reads_the_datasheet_example_with_shunt_and_max_current_settings()
    {
        // Datasheet SBOS448 example: 2 mΩ shunt, Current_LSB 1 mA (maxCurrent 20 A rounds 0.61 mA up to 1 mA).
        var sim = new Ina219Simulator { ShuntRegister = 0x07D0, BusSteps = 0x5D98 >> 3 };
        PointTable table = I2c("ina219",
        [
            Measurement("supply_voltage", "bus_voltage"),
            Measurement("shunt", "shunt_voltage", scale: 1000), // mV
            Measurement("supply_current", "current"),
            Measurement("supply_power", "power"),
        ], new() { ["shuntOhms"] = "0.002", ["maxCurrent"] = "20" }, address: 0x40);
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => sim);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 1, "one cycle", holdAfter: 1);

        Sample[] s = batches[0].Samples;
        Assert.Equal(0x5000, sim.Calibration);
        Assert.Equal(11.98, s[0].Value, 9);
        Assert.Equal(20.0, s[1].Value, 9);
        Assert.Equal(10.0, s[2].Value, 9);
        Assert.Equal(119.8, s[3].Value, 9);
    }

    [Fact]
    public async Task Generic_register_points_decode_type_length_order_and_scale()
    {
        var sim = new SimulatedRegisterDevice(0x20);
        sim.Registers[0x10] = 0x01;
        sim.Registers[0x11] = 0x2C; // 300
        byte[] f = BitConverter.GetBytes(21.5f); // little-endian IEEE bytes D C B A
        (sim.Registers[0x20], sim.Registers[0x21], sim.Registers[0x22], sim.Registers[0x23]) = (f[1], f[0], f[3], f[2]); // CDAB
        sim.Registers[0x30] = 0x04;
        sim.Registers[0x31] = 0xFF;
        PointTable table = I2c("generic",
        [
            new PointConfig { Id = "level", Type = PointType.UInt16, Scale = 0.1, I2c = new I2cPointConfig(null, 0x10) },
            new PointConfig { Id = "temp", Type = PointType.Float32, I2c = new I2cPointConfig(null, 0x20, 4, WordOrder.CDAB) },
            new PointConfig { Id = "alarm", Type = PointType.Bool, I2c = new I2cPointConfig(null, 0x30, 1) },
            new PointConfig { Id = "trim", Type = PointType.Int16, I2c = new I2cPointConfig(null, 0x31, 1) },
        ], address: 0x20);
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => sim);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 1, "one cycle", holdAfter: 1);

        Assert.Equal([30.0, 21.5, 1.0, -1.0], batches[0].Samples.Select(s => Math.Round(s.Value, 6)));
    }

    [Fact]
    public async Task A_missing_device_gives_bad_samples_with_the_reason_backs_off_and_recovers()
    {
        Bme280Simulator sim = BoschExample.Simulator();
        sim.Nack = true;
        PointTable table = I2c("bme280", [Measurement("t", "temperature"), Measurement("h", "humidity")]);
        var log = new ListLogger();
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => sim, log);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);

        IReadOnlyList<RecordedBatch> failing = await sink.WaitForBatchesAsync(5);
        Assert.Equal(DeviceState.Offline, source.Status.State);
        Assert.Contains("did not respond", source.Status.LastError);
        sim.Nack = false;
        IReadOnlyList<RecordedBatch> all = await sink.WaitForAsync(b => b[^1].Samples[0].Quality == Quality.Good, "recovery");
        await stop.CancelAsync();
        await loop;

        Sample bad = failing[0].Samples[0];
        Assert.Equal(Quality.Bad, bad.Quality);
        Assert.True(double.IsNaN(bad.Value));
        Assert.Equal("I2C bus 1, address 0x76, register 0xD0: device did not respond (NACK or bus error)", bad.Text);
        Assert.All(failing.Take(5), b => Assert.Equal(2, b.Samples.Length));

        // Back-off: one poll (1 s), then doubling up to maxBackoff (8 s).
        TimeSpan[] gaps = [.. failing.Take(5).Zip(failing.Skip(1).Take(4), (a, b) => b.CycleTime - a.CycleTime)];
        Assert.Equal([1, 2, 4, 8], gaps.Select(g => Math.Round(g.TotalSeconds, 1)));

        Assert.Equal(25.08, all[^1].Samples[0].Value, 2);
        Assert.True(source.Status.Errors >= 5);
        Assert.Equal(1, source.Status.Reconnects);
        Assert.Equal(DeviceState.Online, source.Status.State);
        Assert.Null(source.Status.LastError);

        // One line when it starts failing, one when it is back; nothing per failed attempt.
        Assert.Equal([(3201, LogLevel.Warning), (3202, LogLevel.Information)], log.Entries.Select(e => (e.EventId, e.Level)));
        Assert.Equal("Sensor device sensor is failing: I2C bus 1, address 0x76, register 0xD0: device did not respond (NACK or bus error); retrying in 00:00:01", log.Entries[0].Message);
    }

    [Fact]
    public async Task A_glitch_within_the_retries_does_not_make_the_cycle_bad()
    {
        var flaky = new FlakyI2cDevice(BoschExample.Simulator());
        PointTable table = I2c("bme280", [Measurement("t", "temperature")], retries: 1);
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => flaky);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);
        await sink.WaitForBatchesAsync(1);

        flaky.FailNext = 1;
        int before = sink.Batches.Count;
        await sink.WaitForBatchesAsync(before + 3);
        await stop.CancelAsync();
        await loop;

        Assert.All(sink.Batches, b => Assert.Equal(Quality.Good, b.Samples[0].Quality));
        Assert.Equal(1, source.Status.Errors);
    }

    [Fact]
    public async Task A_wrong_chip_id_is_bad_with_both_ids()
    {
        Bme280Simulator bmp = BoschExample.Simulator(chipId: 0x58); // a BMP280 answers at the address
        var source = new I2cDeviceSource(0, I2c("bme280", [Measurement("t", "temperature")]), _clock, (_, _) => bmp);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 2, "two attempts");

        Assert.Equal("I2C bus 1, address 0x76, register 0xD0: expected BME280 id 0x60, read 0x58", batches[0].Samples[0].Text);
        Assert.Equal(DeviceState.Degraded, source.Status.State); // it answers, so it is not offline
    }

    [Fact]
    public async Task A_crc_error_is_bad_with_the_reason_and_the_next_good_read_recovers()
    {
        var sht = new Sht3xSimulator { RawTemperature = 0x6666, RawHumidity = 0x8000, CorruptWord = 1 };
        var source = new I2cDeviceSource(0, I2c("sht3x", [Measurement("t", "temperature"), Measurement("rh", "humidity")], new() { ["repeatability"] = "medium" }, address: 0x44), _clock, (_, _) => sht);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task loop = source.RunAsync(sink, stop.Token);

        IReadOnlyList<RecordedBatch> bad = await sink.WaitForBatchesAsync(1);
        sht.CorruptWord = -1;
        IReadOnlyList<RecordedBatch> all = await sink.WaitForAsync(b => b[^1].Samples[0].Quality == Quality.Good, "a good read");
        await stop.CancelAsync();
        await loop;

        Assert.All(bad[0].Samples, s => Assert.Equal(Quality.Bad, s.Quality));
        Assert.Contains("CRC mismatch in word 1", bad[0].Samples[1].Text);
        Assert.Equal(-45 + (175.0 * 0x6666 / 65535), all[^1].Samples[0].Value, 6);
        Assert.Equal(100.0 * 0x8000 / 65535, all[^1].Samples[1].Value, 6);
        Assert.Contains(0x240B, sht.Commands); // single shot, medium repeatability, no clock stretching
    }

    [Fact]
    public async Task A_stuck_busy_bit_is_a_counted_timeout()
    {
        var ads = new Ads1115Simulator { StuckBusy = true };
        var source = new I2cDeviceSource(0, I2c("ads1115", [Measurement("v", "diff01")], address: 0x48), _clock, (_, _) => ads);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 1, "one attempt");

        Assert.Contains("still busy", batches[0].Samples[0].Text);
        Assert.True(source.Status.Timeouts >= 1);
    }

    [Fact]
    public async Task A_bus_that_cannot_be_opened_is_bad_with_the_reason_and_is_retried()
    {
        int attempts = 0;
        Bme280Simulator sim = BoschExample.Simulator();
        I2cDevice Open(int bus, int address) => ++attempts < 3
            ? throw new I2cBusUnavailableException(bus, "I2C bus 1: /dev/i2c-1 does not exist")
            : sim;
        var source = new I2cDeviceSource(0, I2c("bme280", [Measurement("t", "temperature")]), _clock, Open);

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b[^1].Samples[0].Quality == Quality.Good, "the bus to appear", holdAfter: 3);

        Assert.Equal("I2C bus 1: /dev/i2c-1 does not exist", batches[0].Samples[0].Text);
        Assert.Equal(3, batches.Count);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_failing_device_never_stops_another()
    {
        var absentClock = new SimulatedClock { AutoAdvance = true };
        var table = new PointTable(
        [
            I2cDevice("gone", "sht4x", [Measurement("t", "temperature")], address: 0x44),
            I2cDevice("cabinet", "bme280", [Measurement("t", "temperature")]),
        ]);
        var gone = new I2cDeviceSource(0, table, absentClock, (_, a) => new AbsentI2cDevice(a));
        var cabinet = new I2cDeviceSource(1, table, _clock, (_, _) => BoschExample.Simulator());
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        Task[] loops = [gone.RunAsync(sink, stop.Token), cabinet.RunAsync(sink, stop.Token)];

        await sink.WaitForAsync(b => b.Count(x => x.Device == 1) >= 10 && b.Any(x => x.Device == 0), "both devices");
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.All(sink.Batches.Where(b => b.Device == 1), b => Assert.Equal(Quality.Good, b.Samples[0].Quality));
        Assert.All(sink.Batches.Where(b => b.Device == 0), b => Assert.Equal(Quality.Bad, b.Samples[0].Quality));
        Assert.Equal(DeviceState.Offline, gone.Status.State);
        Assert.Equal(DeviceState.Online, cabinet.Status.State);
    }

    [Theory]
    [InlineData(1, 1000.0)]    // two points a second: nothing worth spreading, both sensors poll in step
    [InlineData(1999, 1500.0)] // 2,000 points a second: 2 places; device 1 (0.618 of the interval) at the second
    [InlineData(9999, 1600.0)] // 10,000: 10 places; device 1 at place 6
    public async Task A_second_sensor_polls_at_its_own_place_in_the_interval_after_its_first_poll(int firstSensorPoints, double firstGapMs)
    {
        // Only the second sensor runs; the first one's points count for the places of the interval.
        PointConfig[] many = Enumerable.Range(0, firstSensorPoints).Select(i => Measurement($"t{i}", "temperature")).ToArray();
        var table = new PointTable(
        [
            I2cDevice("first", "bme280", many, poll: TimeSpan.FromSeconds(1)),
            I2cDevice("second", "bme280", [Measurement("t", "temperature")], poll: TimeSpan.FromSeconds(1)),
        ]);
        var source = new I2cDeviceSource(1, table, _clock, (_, _) => BoschExample.Simulator());

        (_, IReadOnlyList<RecordedBatch> batches) = await RunUntilAsync(source, b => b.Count >= 4, "four cycles");

        TimeSpan[] gaps = batches.Zip(batches.Skip(1), (a, b) => b.CycleTime - a.CycleTime).Take(3).ToArray();
        Assert.Equal(firstGapMs, gaps[0].TotalMilliseconds, 0.001);
        Assert.Equal(1000.0, gaps[1].TotalMilliseconds, 0.001);
        Assert.Equal(1000.0, gaps[2].TotalMilliseconds, 0.001);
    }

    [Fact]
    public void A_measurement_the_chip_does_not_provide_is_a_start_up_error_naming_the_point()
    {
        PointTable table = I2c("bme280", [Measurement("t", "temperature"), Measurement("co2", "co2")]);

        var ex = Assert.Throws<SensorConfigurationException>(() => new I2cDeviceSource(0, table, _clock, (_, _) => throw new InvalidOperationException("not opened")));

        Assert.Equal("device 'sensor': point 'co2' measurement: bme280 has no measurement 'co2' (it provides temperature, humidity, pressure)", ex.Message);
    }

    [Fact]
    public void A_bad_setting_is_a_start_up_error_naming_the_device_and_key()
    {
        PointTable table = I2c("ads1115", [Measurement("v", "ain0")], new() { ["gain"] = "3.3", ["dataRate"] = "100" });

        var ex = Assert.Throws<SensorConfigurationException>(() => new I2cDeviceSource(0, table, _clock));

        Assert.Equal(
            "device 'sensor': gain: '3.3' is not an ADS1115 full-scale range: expected 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 (volts); " +
            "dataRate: '100' is not an ADS1115 data rate: expected 8, 16, 32, 64, 128, 250, 475 or 860 (samples per second)",
            ex.Message);
    }

    [Fact]
    public async Task Writes_to_sensor_points_are_refused()
    {
        PointTable table = I2c("bme280", [Measurement("t", "temperature")]);
        var source = new I2cDeviceSource(0, table, _clock, (_, _) => BoschExample.Simulator());

        await Assert.ThrowsAsync<NotSupportedException>(() => source.WriteAsync(table.Points[0], 1));
    }
}
