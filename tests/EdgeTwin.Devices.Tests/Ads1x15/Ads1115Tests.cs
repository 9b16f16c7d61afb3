using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Scaling;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.Ads1x15;

public sealed class Ads1115Tests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    [Theory]
    // ADS111x datasheet (SBAS444) table 1 / 9.3.3: LSB = FSR / 2^15.
    [InlineData(Ads1115Gain.Fsr6144mV, 187.5e-6)]
    [InlineData(Ads1115Gain.Fsr4096mV, 125e-6)]
    [InlineData(Ads1115Gain.Fsr2048mV, 62.5e-6)]
    [InlineData(Ads1115Gain.Fsr1024mV, 31.25e-6)]
    [InlineData(Ads1115Gain.Fsr512mV, 15.625e-6)]
    [InlineData(Ads1115Gain.Fsr256mV, 7.8125e-6)]
    public void Lsb_size_per_gain_matches_the_datasheet(Ads1115Gain gain, double lsb)
    {
        Assert.Equal(lsb, Ads1115.CodeToVolts(1, gain), 12);
    }

    [Theory]
    // Datasheet table 3 (output codes): +FS·(2^15-1)/2^15 → 0x7FFF, +FS/2^15 → 0x0001, 0 → 0, -FS/2^15 → 0xFFFF, -FS → 0x8000.
    [InlineData(Ads1115Gain.Fsr2048mV)]
    [InlineData(Ads1115Gain.Fsr256mV)]
    public void Output_code_table_maps_back_to_the_datasheet_voltages(Ads1115Gain gain)
    {
        double fs = Ads1115.FullScaleVolts(gain);
        Assert.Equal(fs * 32767 / 32768, Ads1115.CodeToVolts(0x7FFF, gain), 12);
        Assert.Equal(fs / 32768, Ads1115.CodeToVolts(0x0001, gain), 12);
        Assert.Equal(0.0, Ads1115.CodeToVolts(0, gain));
        Assert.Equal(-fs / 32768, Ads1115.CodeToVolts(unchecked((short)0xFFFF), gain), 12);
        Assert.Equal(-fs, Ads1115.CodeToVolts(short.MinValue, gain), 12);
    }

    [Theory]
    [InlineData(Ads1115Input.Ain0, 4)]
    [InlineData(Ads1115Input.Ain1, 5)]
    [InlineData(Ads1115Input.Ain2, 6)]
    [InlineData(Ads1115Input.Ain3, 7)]
    public async Task Single_ended_inputs_read_their_own_channel(Ads1115Input input, int mux)
    {
        var sim = new Ads1115Simulator();
        sim.Inputs[0] = 0.5;
        sim.Inputs[1] = 1.0;
        sim.Inputs[2] = 1.5;
        sim.Inputs[3] = 2.0;
        var adc = new Ads1115(sim, Ads1115Gain.Fsr4096mV, timeProvider: _clock);

        Ads1115Reading reading = await adc.ReadAsync(input);

        Assert.Equal(sim.Inputs[mux - 4], reading.Volts, 4);
        Assert.Equal(mux, (sim.LastWrittenConfig >> 12) & 0x07);
        Assert.Equal(4000 * (mux - 3), reading.Raw); // 0.5 V at 125 µV/LSB = 4000 codes per step
    }

    [Theory]
    [InlineData(Ads1115Input.Ain0MinusAin1, -0.5)]
    [InlineData(Ads1115Input.Ain0MinusAin3, -1.5)]
    [InlineData(Ads1115Input.Ain1MinusAin3, -1.0)]
    [InlineData(Ads1115Input.Ain2MinusAin3, -0.5)]
    public async Task Differential_inputs_read_the_difference(Ads1115Input input, double volts)
    {
        var sim = new Ads1115Simulator();
        sim.Inputs[0] = 0.5;
        sim.Inputs[1] = 1.0;
        sim.Inputs[2] = 1.5;
        sim.Inputs[3] = 2.0;
        var adc = new Ads1115(sim, Ads1115Gain.Fsr2048mV, timeProvider: _clock);

        Ads1115Reading reading = await adc.ReadAsync(input);

        Assert.Equal(volts, reading.Volts, 4);
    }

    [Fact]
    public async Task Config_word_carries_os_mux_pga_single_shot_rate_and_disabled_comparator()
    {
        var sim = new Ads1115Simulator();
        var adc = new Ads1115(sim, Ads1115Gain.Fsr1024mV, Ads1115DataRate.Sps860, _clock);

        await adc.ReadAsync(Ads1115Input.Ain2);

        // 1 110 011 1 111 00011: OS, MUX=AIN2, PGA=±1.024, MODE=single, DR=860, COMP_QUE=disable
        Assert.Equal(0b1_110_011_1_111_00011, sim.LastWrittenConfig);
    }

    [Fact]
    public async Task Per_read_gain_overrides_the_default_and_clips_at_full_scale()
    {
        var sim = new Ads1115Simulator();
        sim.Inputs[0] = 1.0;
        var adc = new Ads1115(sim, Ads1115Gain.Fsr4096mV, timeProvider: _clock);

        Ads1115Reading clipped = await adc.ReadAsync(Ads1115Input.Ain0, Ads1115Gain.Fsr256mV);
        Ads1115Reading normal = await adc.ReadAsync(Ads1115Input.Ain0);

        Assert.Equal(short.MaxValue, clipped.Raw);
        Assert.True(clipped.IsClipped);
        Assert.Equal(8000, normal.Raw);
        Assert.False(normal.IsClipped);
    }

    [Fact]
    public async Task Conversion_waits_one_period_then_polls_the_os_bit()
    {
        var sim = new Ads1115Simulator { ConvertingReads = 3 };
        sim.Inputs[3] = 3.3;
        var adc = new Ads1115(sim, Ads1115Gain.Fsr4096mV, Ads1115DataRate.Sps8, _clock);
        adc.Initialize();
        TimeSpan start = _clock.Elapsed;

        Ads1115Reading reading = await adc.ReadAsync(Ads1115Input.Ain3);

        Assert.Equal(3.3, reading.Volts, 3);
        Assert.True(_clock.Elapsed - start >= TimeSpan.FromMilliseconds(125), $"waited {_clock.Elapsed - start}");
    }

    [Fact]
    public async Task Stuck_os_bit_times_out_on_the_config_register()
    {
        var sim = new Ads1115Simulator { StuckBusy = true };
        var adc = new Ads1115(sim, timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cTimeoutException>(() => adc.ReadAsync(Ads1115Input.Ain0).AsTask());

        Assert.Equal(0x01, ex.Register);
        Assert.Contains("0x48", ex.Message);
    }

    [Fact]
    public void A_chip_whose_config_does_not_read_back_is_rejected()
    {
        var ina = new Ina219Simulator(0x48); // not an ADS1115: register 1 is read-only shunt voltage there

        var ex = Assert.Throws<I2cWrongChipIdException>(() => new Ads1115(ina, timeProvider: _clock).Initialize());

        Assert.Equal(0x01, ex.Register);
        Assert.Contains("ADS1115", ex.Message);
    }

    [Fact]
    public async Task Missing_adc_is_not_responding()
    {
        var adc = new Ads1115(new AbsentI2cDevice(0x49), timeProvider: _clock);

        var ex = await Assert.ThrowsAsync<I2cNotRespondingException>(() => adc.ReadAsync(Ads1115Input.Ain0).AsTask());

        Assert.Equal(0x49, ex.Address);
    }

    [Fact]
    public async Task Four_to_twenty_mA_loop_on_a_250_ohm_shunt_reads_in_engineering_units()
    {
        // A 0..10 bar transmitter: 4 mA → 1 V → 0 bar, 20 mA → 5 V → 10 bar; 12 mA → 3 V → 5 bar.
        var sim = new Ads1115Simulator();
        var adc = new Ads1115(sim, Ads1115Gain.Fsr6144mV, timeProvider: _clock);
        LinearScaling bar = LinearScaling.CurrentLoop(250, 0, 10);

        sim.Inputs[0] = 0.012 * 250;
        Ads1115Reading mid = await adc.ReadAsync(Ads1115Input.Ain0);
        sim.Inputs[0] = 0.004 * 250;
        Ads1115Reading low = await adc.ReadAsync(Ads1115Input.Ain0);

        Assert.Equal(5.0, mid.Scaled(bar), 3);
        Assert.Equal(0.0, low.Scaled(bar), 3);
        Assert.Equal(12.0, LinearScaling.LoopMilliamps(mid.Volts, 250), 2);
    }
}
