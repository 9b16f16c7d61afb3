using System.Device.I2c;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Devices.Ads1x15;

/// <summary>
/// Texas Instruments ADS1115 16-bit ADC (datasheet SBAS444) in single-shot mode: each read writes the config
/// register with OS=1, waits one conversion period, polls the OS bit and reads the conversion register.
/// The driver does not own the <see cref="I2cDevice"/> and is not thread-safe.
/// </summary>
public sealed class Ads1115 : II2cSensor
{
    /// <summary>Address with ADDR to GND (0x49 VDD, 0x4A SDA, 0x4B SCL).</summary>
    public const int DefaultAddress = 0x48;

    /// <summary>Power-on value of the config register.</summary>
    public const ushort ConfigResetValue = 0x8583;

    private const ushort OsBit = 0x8000;
    private const ushort ModeSingleShot = 0x0100;
    private const ushort ComparatorDisabled = 0x0003; // COMP_QUE = 11

    private readonly I2cRegisterIo _io;
    private readonly TimeProvider _timeProvider;
    private bool _verified;

    /// <summary>Creates the driver; no bus traffic until the first call.</summary>
    /// <param name="device">The device at 0x48..0x4B, owned by the caller.</param>
    /// <param name="gain">Default full-scale range.</param>
    /// <param name="dataRate">Data rate of every conversion.</param>
    /// <param name="timeProvider">Clock for waits; <see cref="TimeProvider.System"/> by default.</param>
    public Ads1115(
        I2cDevice device,
        Ads1115Gain gain = Ads1115Gain.Fsr4096mV,
        Ads1115DataRate dataRate = Ads1115DataRate.Sps128,
        TimeProvider? timeProvider = null)
    {
        CheckGain(gain);
        if (!Enum.IsDefined(dataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "Unknown ADS1115 data rate.");
        }

        _io = new I2cRegisterIo(device);
        Gain = gain;
        DataRate = dataRate;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Default full-scale range.</summary>
    public Ads1115Gain Gain { get; }

    /// <summary>Data rate.</summary>
    public Ads1115DataRate DataRate { get; }

    /// <summary>One conversion period, 1 / DR.</summary>
    public TimeSpan ConversionTime => TimeSpan.FromSeconds(1.0 / SamplesPerSecond(DataRate));

    /// <summary>
    /// Verifies the device: the ADS1115 has no id register, so the driver writes an idle configuration (OS=0)
    /// and reads it back; any bit that does not stick means another chip.
    /// </summary>
    /// <exception cref="I2cWrongChipIdException">The config register did not read back.</exception>
    public void Initialize()
    {
        _verified = false;
        ushort config = BuildConfig(Ads1115Input.Ain0, Gain, startConversion: false);
        _io.WriteUInt16BigEndian((byte)Ads1115Register.Config, config);
        ushort back = _io.ReadUInt16BigEndian((byte)Ads1115Register.Config);

        // OS reads 1 when no conversion runs; compare everything else.
        if ((back & 0x7FFF) != (config & 0x7FFF))
        {
            throw new I2cWrongChipIdException(_io.BusId, _io.Address, (byte)Ads1115Register.Config, config & 0x7FFF, back & 0x7FFF, "ADS1115 config read-back");
        }

        _verified = true;
    }

    /// <summary>Converts one input with the default gain.</summary>
    public ValueTask<Ads1115Reading> ReadAsync(Ads1115Input input, CancellationToken cancellationToken = default) =>
        ReadAsync(input, Gain, cancellationToken);

    /// <summary>Converts one input (single-ended or differential) with a given gain.</summary>
    /// <exception cref="I2cTimeoutException">The OS bit did not report the end of the conversion.</exception>
    /// <exception cref="I2cNotRespondingException">The device did not acknowledge.</exception>
    public async ValueTask<Ads1115Reading> ReadAsync(Ads1115Input input, Ads1115Gain gain, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(input))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown ADS1115 input.");
        }

        CheckGain(gain);
        try
        {
            if (!_verified)
            {
                Initialize();
            }

            _io.WriteUInt16BigEndian((byte)Ads1115Register.Config, BuildConfig(input, gain, startConversion: true));

            // The conversion takes one period; the oscillator may run 10 % slow (datasheet 7.5), so wait that
            // long first, then poll OS (reads 0 while converting) for at most another two periods.
            TimeSpan period = ConversionTime;
            await DeviceTiming.DelayAsync(period * 1.1, _timeProvider, cancellationToken).ConfigureAwait(false);
            await DeviceTiming.PollUntilAsync(
                () => (_io.ReadUInt16BigEndian((byte)Ads1115Register.Config) & OsBit) != 0,
                (period * 2) + TimeSpan.FromMilliseconds(5), _timeProvider, _io, (byte)Ads1115Register.Config, "OS bit: conversion in progress", cancellationToken)
                .ConfigureAwait(false);

            short raw = (short)_io.ReadUInt16BigEndian((byte)Ads1115Register.Conversion);
            return new Ads1115Reading(input, gain, raw, CodeToVolts(raw, gain));
        }
        catch (I2cDeviceException)
        {
            _verified = false;
            throw;
        }
    }

    /// <summary>The full-scale voltage of a gain setting.</summary>
    public static double FullScaleVolts(Ads1115Gain gain) => gain switch
    {
        Ads1115Gain.Fsr6144mV => 6.144,
        Ads1115Gain.Fsr4096mV => 4.096,
        Ads1115Gain.Fsr2048mV => 2.048,
        Ads1115Gain.Fsr1024mV => 1.024,
        Ads1115Gain.Fsr512mV => 0.512,
        Ads1115Gain.Fsr256mV => 0.256,
        _ => throw new ArgumentOutOfRangeException(nameof(gain), gain, "Unknown ADS1115 gain."),
    };

    /// <summary>Converts an output code to volts: code × FSR / 2¹⁵ (datasheet 9.3.3, table 3).</summary>
    public static double CodeToVolts(short code, Ads1115Gain gain) => code * FullScaleVolts(gain) / 32768.0;

    /// <summary>Samples per second of a data-rate setting.</summary>
    public static int SamplesPerSecond(Ads1115DataRate rate) => rate switch
    {
        Ads1115DataRate.Sps8 => 8,
        Ads1115DataRate.Sps16 => 16,
        Ads1115DataRate.Sps32 => 32,
        Ads1115DataRate.Sps64 => 64,
        Ads1115DataRate.Sps128 => 128,
        Ads1115DataRate.Sps250 => 250,
        Ads1115DataRate.Sps475 => 475,
        Ads1115DataRate.Sps860 => 860,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Unknown ADS1115 data rate."),
    };

    /// <summary>
    /// Config word: 15 OS, 14:12 MUX, 11:9 PGA, 8 MODE=1 (single-shot), 7:5 DR, 4:0 comparator off (COMP_QUE=11).
    /// </summary>
    internal ushort BuildConfig(Ads1115Input input, Ads1115Gain gain, bool startConversion) =>
        (ushort)((startConversion ? OsBit : 0) | ((int)input << 12) | ((int)gain << 9) | ModeSingleShot | ((int)DataRate << 5) | ComparatorDisabled);

    private static void CheckGain(Ads1115Gain gain)
    {
        if (!Enum.IsDefined(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "Unknown ADS1115 gain.");
        }
    }

    /// <inheritdoc />
    public I2cChip Chip => I2cChip.Ads1115;

    /// <summary>Converts AIN0..AIN3 single-ended with the default gain, as <c>ain0</c>..<c>ain3</c> in volts.</summary>
    public async ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default)
    {
        var values = new SensorValue[4];
        for (int channel = 0; channel < 4; channel++)
        {
            Ads1115Reading r = await ReadAsync(Ads1115Input.Ain0 + (byte)channel, cancellationToken).ConfigureAwait(false);
            values[channel] = new SensorValue($"ain{channel}", r.Volts, "V");
        }

        return values;
    }
}
