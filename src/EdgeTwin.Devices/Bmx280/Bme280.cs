using System.Device.I2c;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Devices.Bmx280;

/// <summary>
/// Bosch BME280 temperature, humidity and pressure sensor on I2C (datasheet BST-BME280-DS002).
/// The driver does not own the <see cref="I2cDevice"/>; it is not thread-safe (one acquisition loop per device).
/// </summary>
public sealed class Bme280 : II2cSensor
{
    /// <summary>Value of the id register 0xD0.</summary>
    public const byte ChipId = 0x60;

    /// <summary>Address with SDO to GND.</summary>
    public const int PrimaryAddress = 0x76;

    /// <summary>Address with SDO to VDDIO.</summary>
    public const int SecondaryAddress = 0x77;

    private const byte SoftResetCommand = 0xB6;
    private const byte StatusMeasuring = 0x08;
    private const byte StatusImUpdate = 0x01;
    private const int DataLength = 8; // 0xF7..0xFE

    // Start-up time after reset is 2 ms (datasheet table 1); the NVM copy is then polled through im_update.
    private static readonly TimeSpan StartupTime = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan NvmCopyTimeout = TimeSpan.FromMilliseconds(10);

    private readonly I2cRegisterIo _io;
    private readonly TimeProvider _timeProvider;
    private bool _initialized;

    /// <summary>Creates the driver; no bus traffic happens until <see cref="InitializeAsync"/> or <see cref="ReadAsync"/>.</summary>
    /// <param name="device">The device at 0x76 or 0x77, owned by the caller.</param>
    /// <param name="settings">Oversampling, mode, filter and standby; defaults to forced mode, ×1, filter off.</param>
    /// <param name="timeProvider">Clock for waits; <see cref="TimeProvider.System"/> by default.</param>
    public Bme280(I2cDevice device, Bme280Settings? settings = null, TimeProvider? timeProvider = null)
    {
        _io = new I2cRegisterIo(device);
        Settings = settings ?? new Bme280Settings();
        Settings.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The configuration written at initialisation.</summary>
    public Bme280Settings Settings { get; }

    /// <summary>The calibration read at the last initialisation, or <see langword="null"/> before it.</summary>
    public Bme280Calibration? Calibration { get; private set; }

    /// <summary>
    /// Checks the chip id, resets the chip, reads its calibration and writes the configuration.
    /// Called by <see cref="ReadAsync"/> on first use and again after any bus fault.
    /// </summary>
    /// <exception cref="I2cWrongChipIdException">Another chip answers at the address.</exception>
    /// <exception cref="I2cNotRespondingException">Nothing answers.</exception>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        _initialized = false;
        byte id = _io.ReadByte((byte)Bme280Register.Id);
        if (id != ChipId)
        {
            throw new I2cWrongChipIdException(_io.BusId, _io.Address, (byte)Bme280Register.Id, ChipId, id, "BME280");
        }

        _io.WriteByte((byte)Bme280Register.Reset, SoftResetCommand);
        await DeviceTiming.DelayAsync(StartupTime, _timeProvider, cancellationToken).ConfigureAwait(false);
        await DeviceTiming.PollUntilAsync(
            () => (_io.ReadByte((byte)Bme280Register.Status) & StatusImUpdate) == 0,
            NvmCopyTimeout, _timeProvider, _io, (byte)Bme280Register.Status, "im_update: NVM copy after reset", cancellationToken)
            .ConfigureAwait(false);

        Span<byte> block88 = stackalloc byte[Bme280Calibration.TemperaturePressureBlockLength];
        Span<byte> blockE1 = stackalloc byte[Bme280Calibration.HumidityBlockLength];
        _io.Read((byte)Bme280Register.Calibration00, block88);
        _io.Read((byte)Bme280Register.Calibration26, blockE1);
        Calibration = Bme280Calibration.Parse(block88, blockE1);

        // After reset the chip sleeps; config is written in sleep mode because writes in normal mode may be
        // ignored (datasheet 5.4.6), and ctrl_hum only takes effect with the following ctrl_meas write (5.4.3).
        _io.WriteByte((byte)Bme280Register.ControlHumidity, (byte)Settings.HumidityOversampling);
        _io.WriteByte((byte)Bme280Register.Config, (byte)(((byte)Settings.Standby << 5) | ((byte)Settings.Filter << 2)));
        if (Settings.Mode == Bme280Mode.Normal)
        {
            _io.WriteByte((byte)Bme280Register.ControlMeasurement, ControlMeasurement(Bme280Mode.Normal));
            await WaitForMeasurementAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _io.WriteByte((byte)Bme280Register.ControlMeasurement, ControlMeasurement(Bme280Mode.Sleep));
        }

        _initialized = true;
    }

    /// <summary>
    /// Reads one compensated measurement. In forced mode this triggers a measurement and waits the datasheet's
    /// maximum measurement time, then polls the measuring bit; in normal mode it reads the latest result.
    /// </summary>
    /// <exception cref="I2cTimeoutException">The measuring bit did not clear.</exception>
    /// <exception cref="I2cDeviceException">Any other bus or identity fault; the next read re-initialises.</exception>
    public async ValueTask<Bme280Reading> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            if (Settings.Mode == Bme280Mode.Forced)
            {
                _io.WriteByte((byte)Bme280Register.ControlMeasurement, ControlMeasurement(Bme280Mode.Forced));
                await WaitForMeasurementAsync(cancellationToken).ConfigureAwait(false);
            }

            return ReadData();
        }
        catch (I2cDeviceException)
        {
            _initialized = false; // a power cycle loses configuration and may come with a different chip
            throw;
        }
    }

    private async Task WaitForMeasurementAsync(CancellationToken cancellationToken)
    {
        TimeSpan max = Settings.MaxMeasurementTime;
        await DeviceTiming.DelayAsync(max, _timeProvider, cancellationToken).ConfigureAwait(false);
        await DeviceTiming.PollUntilAsync(
            () => (_io.ReadByte((byte)Bme280Register.Status) & StatusMeasuring) == 0,
            max + max + TimeSpan.FromMilliseconds(10), _timeProvider, _io, (byte)Bme280Register.Status, "measuring bit", cancellationToken)
            .ConfigureAwait(false);
    }

    private Bme280Reading ReadData()
    {
        Span<byte> data = stackalloc byte[DataLength];
        _io.Read((byte)Bme280Register.PressureMsb, data);

        // 0-2: press_msb, press_lsb, press_xlsb[7:4]; 3-5: temperature likewise; 6-7: hum_msb, hum_lsb
        int adcP = (data[0] << 12) | (data[1] << 4) | (data[2] >> 4);
        int adcT = (data[3] << 12) | (data[4] << 4) | (data[5] >> 4);
        int adcH = (data[6] << 8) | data[7];
        if (adcT == Bme280Compensation.SkippedTemperaturePressure)
        {
            // Reset value of the data registers: no conversion has completed since reset.
            throw new I2cTimeoutException(_io.BusId, _io.Address, (byte)Bme280Register.TemperatureMsb, Settings.MaxMeasurementTime, "no temperature conversion completed");
        }

        Bme280Calibration cal = Calibration!;
        int centi = Bme280Compensation.TemperatureInt32(adcT, cal, out int tFine);
        double? pressure = Settings.PressureOversampling == Bme280Oversampling.Skipped || adcP == Bme280Compensation.SkippedTemperaturePressure
            ? null
            : Bme280Compensation.PressureInt64(adcP, tFine, cal) / 256.0;
        double? humidity = Settings.HumidityOversampling == Bme280Oversampling.Skipped || adcH == Bme280Compensation.SkippedHumidity
            ? null
            : Bme280Compensation.HumidityInt32(adcH, tFine, cal) / 1024.0;
        return new Bme280Reading(centi / 100.0, pressure, humidity);
    }

    private byte ControlMeasurement(Bme280Mode mode) =>
        (byte)(((byte)Settings.TemperatureOversampling << 5) | ((byte)Settings.PressureOversampling << 2) | (byte)mode);

    /// <inheritdoc />
    public I2cChip Chip => I2cChip.Bme280;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SensorValue>> ReadValuesAsync(CancellationToken cancellationToken = default)
    {
        Bme280Reading r = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<SensorValue>(3) { new("temperature", r.TemperatureCelsius, "°C") };
        if (r.PressurePascal is { } p)
        {
            values.Add(new SensorValue("pressure", p, "Pa"));
        }

        if (r.HumidityPercent is { } h)
        {
            values.Add(new SensorValue("humidity", h, "%RH"));
        }

        return values;
    }
}
