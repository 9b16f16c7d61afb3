using System.Device.I2c;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Devices.Shtxx;

/// <summary>
/// Sensirion SHT4x (SHT40/41/45) temperature and humidity sensor with CRC-checked words. The driver does not own
/// the <see cref="I2cDevice"/> and is not thread-safe.
/// </summary>
public sealed class Sht4x : II2cSensor
{
    /// <summary>Address of SHT4x-A parts.</summary>
    public const int DefaultAddress = 0x44;

    private static readonly TimeSpan SoftResetTime = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan SerialNumberWait = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan ReadyMargin = TimeSpan.FromMilliseconds(10);

    private readonly I2cRegisterIo _io;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the driver; no bus traffic until the first call.</summary>
    /// <param name="device">The device (0x44, 0x45 or 0x46 depending on the part), owned by the caller.</param>
    /// <param name="precision">Precision of measurements.</param>
    /// <param name="timeProvider">Clock for waits; <see cref="TimeProvider.System"/> by default.</param>
    public Sht4x(I2cDevice device, Sht4xPrecision precision = Sht4xPrecision.High, TimeProvider? timeProvider = null)
    {
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown SHT4x precision.");
        }

        _io = new I2cRegisterIo(device);
        Precision = precision;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The precision of measurements.</summary>
    public Sht4xPrecision Precision { get; }

    /// <summary>The serial number read at initialisation, or <see langword="null"/> before it.</summary>
    public uint? SerialNumber { get; private set; }

    /// <summary>Maximum measurement duration for the precision (datasheet table 5).</summary>
    public TimeSpan MaxMeasurementTime => Precision switch
    {
        Sht4xPrecision.High => TimeSpan.FromMilliseconds(8.3),
        Sht4xPrecision.Medium => TimeSpan.FromMilliseconds(4.5),
        _ => TimeSpan.FromMilliseconds(1.6),
    };

    /// <summary>
    /// Soft-resets the sensor and reads its serial number; two CRC-valid words are the identity check.
    /// </summary>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        SerialNumber = null;
        SensirionTransfer.WriteCommand(_io, (int)Sht4xCommand.SoftReset, 1);
        await DeviceTiming.DelayAsync(SoftResetTime, _timeProvider, cancellationToken).ConfigureAwait(false);
        SerialNumber = await ReadSerialNumberAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the 32-bit serial number.</summary>
    public async ValueTask<uint> ReadSerialNumberAsync(CancellationToken cancellationToken = default)
    {
        const int command = (int)Sht4xCommand.ReadSerialNumber;
        byte[] response = await SensirionTransfer.ExecuteAsync(
            _io, command, 1, 6, SerialNumberWait, ReadyMargin, _timeProvider, cancellationToken).ConfigureAwait(false);
        return ((uint)SensirionWords.Read(response, 0, _io, command) << 16) | SensirionWords.Read(response, 1, _io, command);
    }

    /// <summary>Measures temperature and humidity once.</summary>
    /// <exception cref="I2cCrcMismatchException">A word failed its CRC.</exception>
    /// <exception cref="I2cTimeoutException">The sensor kept NACKing the read past the maximum duration.</exception>
    /// <exception cref="I2cNotRespondingException">The command was not acknowledged.</exception>
    public async ValueTask<TemperatureHumidityReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (SerialNumber is null)
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            int command = (int)(Precision switch
            {
                Sht4xPrecision.High => Sht4xCommand.MeasureHighPrecision,
                Sht4xPrecision.Medium => Sht4xCommand.MeasureMediumPrecision,
                _ => Sht4xCommand.MeasureLowPrecision,
            });
            byte[] response = await SensirionTransfer.ExecuteAsync(
                _io, command, 1, 6, MaxMeasurementTime, ReadyMargin, _timeProvider, cancellationToken).ConfigureAwait(false);
            ushort rawT = SensirionWords.Read(response, 0, _io, command);
            ushort rawRh = SensirionWords.Read(response, 1, _io, command);
            return new TemperatureHumidityReading(SensirionWords.Temperature(rawT), Humidity(rawRh), rawT, rawRh);
        }
        catch (I2cDeviceException)
        {
            SerialNumber = null;
            throw;
        }
    }

    /// <summary>
    /// Relative humidity in %RH from a raw word: RH = −6 + 125·S_RH / (2¹⁶ − 1), cropped to 0..100 %RH as the
    /// datasheet recommends (section 4.6).
    /// </summary>
    public static double Humidity(ushort raw) => Math.Clamp(-6.0 + (125.0 * raw / 65535.0), 0.0, 100.0);

    /// <summary>Temperature in °C from a raw word: T = −45 + 175·S_T / (2¹⁶ − 1) (datasheet 4.6).</summary>
    public static double Temperature(ushort raw) => SensirionWords.Temperature(raw);

    /// <inheritdoc />
    public I2cChip Chip => I2cChip.Sht4x;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default)
    {
        TemperatureHumidityReading r = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return [new SensorValue("temperature", r.TemperatureCelsius, "°C"), new SensorValue("humidity", r.HumidityPercent, "%RH")];
    }
}
