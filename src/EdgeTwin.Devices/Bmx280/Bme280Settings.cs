namespace EdgeTwin.Devices.Bmx280;

/// <summary>BME280 configuration, written by <see cref="Bme280.InitializeAsync"/>.</summary>
public sealed record Bme280Settings
{
    /// <summary>Temperature oversampling; must not be skipped (pressure and humidity compensation need t_fine).</summary>
    public Bme280Oversampling TemperatureOversampling { get; init; } = Bme280Oversampling.X1;

    /// <summary>Pressure oversampling; <see cref="Bme280Oversampling.Skipped"/> gives no pressure.</summary>
    public Bme280Oversampling PressureOversampling { get; init; } = Bme280Oversampling.X1;

    /// <summary>Humidity oversampling; <see cref="Bme280Oversampling.Skipped"/> gives no humidity.</summary>
    public Bme280Oversampling HumidityOversampling { get; init; } = Bme280Oversampling.X1;

    /// <summary>Forced (one measurement per read) or normal (continuous) mode.</summary>
    public Bme280Mode Mode { get; init; } = Bme280Mode.Forced;

    /// <summary>IIR filter coefficient.</summary>
    public Bme280Filter Filter { get; init; } = Bme280Filter.Off;

    /// <summary>Standby time between measurements in normal mode.</summary>
    public Bme280Standby Standby { get; init; } = Bme280Standby.Ms1000;

    /// <summary>Throws <see cref="ArgumentException"/> for a combination the chip cannot honour.</summary>
    public void Validate()
    {
        if (TemperatureOversampling == Bme280Oversampling.Skipped)
        {
            throw new ArgumentException("BME280 temperature oversampling cannot be skipped: pressure and humidity need it.", nameof(TemperatureOversampling));
        }

        CheckDefined(TemperatureOversampling, nameof(TemperatureOversampling));
        CheckDefined(PressureOversampling, nameof(PressureOversampling));
        CheckDefined(HumidityOversampling, nameof(HumidityOversampling));
        CheckDefined(Filter, nameof(Filter));
        CheckDefined(Standby, nameof(Standby));
        if (Mode is not (Bme280Mode.Forced or Bme280Mode.Normal))
        {
            throw new ArgumentException($"BME280 mode must be Forced or Normal, not {Mode}.", nameof(Mode));
        }
    }

    /// <summary>
    /// Maximum duration of one measurement cycle, BME280 datasheet section 9.1:
    /// 1.25 + 2.3·T_os + (2.3·P_os + 0.575) + (2.3·H_os + 0.575) ms, with the terms of skipped measurements left out.
    /// </summary>
    public TimeSpan MaxMeasurementTime
    {
        get
        {
            double ms = 1.25 + (2.3 * Factor(TemperatureOversampling));
            if (PressureOversampling != Bme280Oversampling.Skipped)
            {
                ms += (2.3 * Factor(PressureOversampling)) + 0.575;
            }

            if (HumidityOversampling != Bme280Oversampling.Skipped)
            {
                ms += (2.3 * Factor(HumidityOversampling)) + 0.575;
            }

            return TimeSpan.FromMilliseconds(ms);
        }
    }

    /// <summary>The oversampling ratio (0 for skipped).</summary>
    public static int Factor(Bme280Oversampling oversampling) => oversampling switch
    {
        Bme280Oversampling.Skipped => 0,
        Bme280Oversampling.X1 => 1,
        Bme280Oversampling.X2 => 2,
        Bme280Oversampling.X4 => 4,
        Bme280Oversampling.X8 => 8,
        _ => 16,
    };

    private static void CheckDefined<T>(T value, string name)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentException($"BME280 {name} has no value {value}.", name);
        }
    }
}
