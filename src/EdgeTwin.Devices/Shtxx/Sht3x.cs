using System.Device.I2c;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Devices.Shtxx;

/// <summary>
/// Sensirion SHT3x (SHT30/31/35) temperature and humidity sensor, single-shot measurements with clock stretching
/// disabled, every word checked against its CRC. The driver does not own the <see cref="I2cDevice"/> and is not
/// thread-safe.
/// </summary>
public sealed class Sht3x : II2cSensor
{
    /// <summary>Address with ADDR low.</summary>
    public const int DefaultAddress = 0x44;

    /// <summary>Address with ADDR high.</summary>
    public const int AlternateAddress = 0x45;

    private static readonly TimeSpan SoftResetTime = TimeSpan.FromMilliseconds(1.5); // t_SR max, datasheet table 4
    private static readonly TimeSpan ReadyMargin = TimeSpan.FromMilliseconds(10);

    private readonly I2cRegisterIo _io;
    private readonly TimeProvider _timeProvider;
    private bool _initialized;

    /// <summary>Creates the driver; no bus traffic until the first call.</summary>
    /// <param name="device">The device at 0x44 or 0x45, owned by the caller.</param>
    /// <param name="repeatability">Repeatability of single-shot measurements.</param>
    /// <param name="timeProvider">Clock for waits; <see cref="TimeProvider.System"/> by default.</param>
    public Sht3x(I2cDevice device, Sht3xRepeatability repeatability = Sht3xRepeatability.High, TimeProvider? timeProvider = null)
    {
        if (!Enum.IsDefined(repeatability))
        {
            throw new ArgumentOutOfRangeException(nameof(repeatability), repeatability, "Unknown SHT3x repeatability.");
        }

        _io = new I2cRegisterIo(device);
        Repeatability = repeatability;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The repeatability of measurements.</summary>
    public Sht3xRepeatability Repeatability { get; }

    /// <summary>Maximum measurement duration for the repeatability (datasheet table 4).</summary>
    public TimeSpan MaxMeasurementTime => Repeatability switch
    {
        Sht3xRepeatability.High => TimeSpan.FromMilliseconds(15),
        Sht3xRepeatability.Medium => TimeSpan.FromMilliseconds(6),
        _ => TimeSpan.FromMilliseconds(4),
    };

    /// <summary>
    /// Soft-resets the sensor and reads its status register; a valid CRC on the status word is the identity check
    /// (the SHT3x has no id register).
    /// </summary>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        _initialized = false;
        await SoftResetAsync(cancellationToken).ConfigureAwait(false);
        ReadStatus();
        ClearStatus();
        _initialized = true;
    }

    /// <summary>Triggers one single-shot measurement and reads it.</summary>
    /// <exception cref="I2cCrcMismatchException">A word failed its CRC.</exception>
    /// <exception cref="I2cTimeoutException">The sensor kept NACKing the read past the maximum duration.</exception>
    /// <exception cref="I2cNotRespondingException">The command was not acknowledged.</exception>
    public async ValueTask<TemperatureHumidityReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            Sht3xCommand command = Repeatability switch
            {
                Sht3xRepeatability.High => Sht3xCommand.SingleShotHigh,
                Sht3xRepeatability.Medium => Sht3xCommand.SingleShotMedium,
                _ => Sht3xCommand.SingleShotLow,
            };
            byte[] response = await SensirionTransfer.ExecuteAsync(
                _io, (int)command, 2, 6, MaxMeasurementTime, ReadyMargin, _timeProvider, cancellationToken).ConfigureAwait(false);
            ushort rawT = SensirionWords.Read(response, 0, _io, (int)command);
            ushort rawRh = SensirionWords.Read(response, 1, _io, (int)command);
            return new TemperatureHumidityReading(SensirionWords.Temperature(rawT), Humidity(rawRh), rawT, rawRh);
        }
        catch (I2cDeviceException)
        {
            _initialized = false;
            throw;
        }
    }

    /// <summary>Reads the status register.</summary>
    public Sht3xStatus ReadStatus()
    {
        SensirionTransfer.WriteCommand(_io, (int)Sht3xCommand.ReadStatus, 2);
        Span<byte> response = stackalloc byte[3];
        _io.ReadRaw(response, (int)Sht3xCommand.ReadStatus);
        return new Sht3xStatus(SensirionWords.Read(response, 0, _io, (int)Sht3xCommand.ReadStatus));
    }

    /// <summary>Clears the alert and reset flags of the status register.</summary>
    public void ClearStatus() => SensirionTransfer.WriteCommand(_io, (int)Sht3xCommand.ClearStatus, 2);

    /// <summary>Switches the internal heater (for plausibility checks; it falsifies readings while on).</summary>
    public void SetHeater(bool on) =>
        SensirionTransfer.WriteCommand(_io, (int)(on ? Sht3xCommand.HeaterEnable : Sht3xCommand.HeaterDisable), 2);

    /// <summary>Soft-resets the sensor and waits the reset time.</summary>
    public async ValueTask SoftResetAsync(CancellationToken cancellationToken = default)
    {
        SensirionTransfer.WriteCommand(_io, (int)Sht3xCommand.SoftReset, 2);
        await DeviceTiming.DelayAsync(SoftResetTime, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Relative humidity in %RH from a raw word: RH = 100·S_RH / (2¹⁶ − 1) (datasheet 4.13).</summary>
    public static double Humidity(ushort raw) => 100.0 * raw / 65535.0;

    /// <summary>Temperature in °C from a raw word: T = −45 + 175·S_T / (2¹⁶ − 1) (datasheet 4.13).</summary>
    public static double Temperature(ushort raw) => SensirionWords.Temperature(raw);

    /// <inheritdoc />
    public I2cChip Chip => I2cChip.Sht3x;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default)
    {
        TemperatureHumidityReading r = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return [new SensorValue("temperature", r.TemperatureCelsius, "°C"), new SensorValue("humidity", r.HumidityPercent, "%RH")];
    }
}
