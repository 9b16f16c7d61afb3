using System.Device.I2c;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Devices.Ina2xx;

/// <summary>
/// Texas Instruments INA219 current and power monitor (datasheet SBOS448). The driver does not own the
/// <see cref="I2cDevice"/> and is not thread-safe.
/// </summary>
public sealed class Ina219 : II2cSensor
{
    /// <summary>Address with A0 and A1 to GND; the pins select 0x40..0x4F.</summary>
    public const int DefaultAddress = 0x40;

    /// <summary>Power-on value of the configuration register.</summary>
    public const ushort ConfigurationResetValue = 0x399F;

    /// <summary>Volts per bit of the shunt voltage register (10 µV).</summary>
    public const double ShuntVoltageLsb = 10e-6;

    /// <summary>Volts per bit of the bus voltage field BD (4 mV).</summary>
    public const double BusVoltageLsb = 4e-3;

    private const ushort ResetBit = 0x8000;
    private const ushort ConversionReadyBit = 0x0002;
    private const ushort OverflowBit = 0x0001;

    private readonly I2cRegisterIo _io;
    private readonly TimeProvider _timeProvider;
    private bool _initialized;

    /// <summary>Creates the driver; no bus traffic until the first call.</summary>
    /// <param name="device">The device at 0x40..0x4F, owned by the caller.</param>
    /// <param name="settings">Configuration and calibration.</param>
    /// <param name="timeProvider">Clock for waits in triggered modes; <see cref="TimeProvider.System"/> by default.</param>
    public Ina219(I2cDevice device, Ina219Settings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _io = new I2cRegisterIo(device);
        Settings = settings;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The configuration and calibration.</summary>
    public Ina219Settings Settings { get; }

    /// <summary>
    /// Resets the chip and checks that the configuration register returns to its power-on value 0x399F (the INA219
    /// has no id register), then writes the calibration and the configuration.
    /// </summary>
    /// <exception cref="I2cWrongChipIdException">The configuration register did not read 0x399F after reset.</exception>
    public void Initialize()
    {
        _initialized = false;
        _io.WriteUInt16BigEndian((byte)Ina219Register.Configuration, ResetBit);
        ushort afterReset = _io.ReadUInt16BigEndian((byte)Ina219Register.Configuration);
        if (afterReset != ConfigurationResetValue)
        {
            throw new I2cWrongChipIdException(_io.BusId, _io.Address, (byte)Ina219Register.Configuration, ConfigurationResetValue, afterReset, "INA219 configuration after reset");
        }

        _io.WriteUInt16BigEndian((byte)Ina219Register.Calibration, Settings.Calibration.Register);
        if (!Settings.IsTriggered)
        {
            _io.WriteUInt16BigEndian((byte)Ina219Register.Configuration, Settings.ConfigurationRegister);
        }

        _initialized = true;
    }

    /// <summary>
    /// Reads bus voltage, shunt voltage, current and power. In a triggered mode this first starts a conversion,
    /// waits its conversion time and polls CNVR; in a continuous mode it reads the latest results.
    /// </summary>
    /// <exception cref="I2cTimeoutException">CNVR did not set in a triggered mode.</exception>
    /// <exception cref="I2cDeviceException">Bus fault, or the calibration register was lost (the chip was reset).</exception>
    public async ValueTask<Ina219Reading> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_initialized)
            {
                Initialize();
            }

            if (Settings.IsTriggered)
            {
                _io.WriteUInt16BigEndian((byte)Ina219Register.Configuration, Settings.ConfigurationRegister);
                TimeSpan conversion = Ina219Settings.ConversionTime(Settings.BusAdc) + Ina219Settings.ConversionTime(Settings.ShuntAdc);
                await DeviceTiming.DelayAsync(conversion, _timeProvider, cancellationToken).ConfigureAwait(false);
                await DeviceTiming.PollUntilAsync(
                    () => (_io.ReadUInt16BigEndian((byte)Ina219Register.BusVoltage) & ConversionReadyBit) != 0,
                    conversion + TimeSpan.FromMilliseconds(10), _timeProvider, _io, (byte)Ina219Register.BusVoltage, "CNVR: conversion ready", cancellationToken)
                    .ConfigureAwait(false);
            }

            return ReadRegisters();
        }
        catch (I2cDeviceException)
        {
            _initialized = false;
            throw;
        }
    }

    /// <summary>Volts from a bus voltage register value: BD = bits 15:3, × 4 mV.</summary>
    public static double BusVolts(ushort register) => (register >> 3) * BusVoltageLsb;

    /// <summary>Volts from a shunt voltage register value (sign-extended two's complement, × 10 µV).</summary>
    public static double ShuntVolts(ushort register) => (short)register * ShuntVoltageLsb;

    private Ina219Reading ReadRegisters()
    {
        // A power cycle resets the calibration to 0 and the current register silently reads 0: check it.
        ushort calibration = _io.ReadUInt16BigEndian((byte)Ina219Register.Calibration);
        if (calibration != Settings.Calibration.Register)
        {
            throw new I2cDeviceException(_io.BusId, _io.Address, (byte)Ina219Register.Calibration,
                $"calibration register reads 0x{calibration:X4}, expected 0x{Settings.Calibration.Register:X4} (device reset?)");
        }

        ushort bus = _io.ReadUInt16BigEndian((byte)Ina219Register.BusVoltage);
        ushort shunt = _io.ReadUInt16BigEndian((byte)Ina219Register.ShuntVoltage);
        short current = (short)_io.ReadUInt16BigEndian((byte)Ina219Register.Current);
        ushort power = _io.ReadUInt16BigEndian((byte)Ina219Register.Power); // clears CNVR, so read last
        return new Ina219Reading(
            BusVolts(bus),
            ShuntVolts(shunt),
            current * Settings.Calibration.CurrentLsb,
            power * Settings.Calibration.PowerLsb,
            ConversionReady: (bus & ConversionReadyBit) != 0,
            MathOverflow: (bus & OverflowBit) != 0);
    }

    /// <inheritdoc />
    public I2cChip Chip => I2cChip.Ina219;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default)
    {
        Ina219Reading r = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            new SensorValue("bus_voltage", r.BusVolts, "V"),
            new SensorValue("shunt_voltage", r.ShuntVolts, "V"),
            new SensorValue("current", r.Amperes, "A"),
            new SensorValue("power", r.Watts, "W"),
        ];
    }
}
