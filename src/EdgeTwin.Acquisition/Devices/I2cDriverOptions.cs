using System.Device.I2c;
using System.Globalization;
using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Sensors;
using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// The driver configuration of one I2C device, parsed from the chip name and the settings of its <c>i2c:</c>
/// section. Settings a chip does not take, and values outside what the chip supports, are errors naming the key.
/// </summary>
public sealed record I2cDriverOptions
{
    /// <summary>Default INA219 shunt (R100 on the common breakout boards).</summary>
    public const double DefaultShuntOhms = I2cSensorFactory.DefaultIna219ShuntOhms;

    /// <summary>Default INA219 maximum expected current.</summary>
    public const double DefaultMaxCurrent = I2cSensorFactory.DefaultIna219MaxAmps;

    private I2cDriverOptions(I2cChip? chip) => Chip = chip;

    /// <summary>The chip, or <see langword="null"/> for a generic register device.</summary>
    public I2cChip? Chip { get; }

    /// <summary>BME280 mode, oversampling (all three measurements) and filter.</summary>
    public Bme280Settings Bme280 { get; init; } = new();

    /// <summary>SHT3x repeatability.</summary>
    public Sht3xRepeatability Sht3xRepeatability { get; init; } = Sht3xRepeatability.High;

    /// <summary>SHT4x precision.</summary>
    public Sht4xPrecision Sht4xPrecision { get; init; } = Sht4xPrecision.High;

    /// <summary>ADS1115 full-scale range.</summary>
    public Ads1115Gain Ads1115Gain { get; init; } = Ads1115Gain.Fsr4096mV;

    /// <summary>ADS1115 data rate.</summary>
    public Ads1115DataRate Ads1115DataRate { get; init; } = Ads1115DataRate.Sps128;

    /// <summary>INA219 calibration and mode.</summary>
    public Ina219Settings Ina219 { get; init; } = new(Ina219Calibration.ForMaxExpectedCurrent(DefaultShuntOhms, DefaultMaxCurrent));

    /// <summary>The defaults of a chip (what the CLI uses).</summary>
    public static I2cDriverOptions Defaults(I2cChip? chip) => new(chip);

    /// <summary>
    /// Parses the chip name and settings; every problem is added to <paramref name="errors"/> (keyed
    /// <c>chip</c> or the setting's key) and the default is kept for that setting.
    /// </summary>
    public static I2cDriverOptions Parse(string chip, IReadOnlyDictionary<string, string> settings, ICollection<SensorConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (!I2cSensorCatalog.TryParseChip(chip, out I2cChip? parsed))
        {
            errors.Add(new SensorConfigError("chip", $"'{chip}' is not a supported chip: expected one of {string.Join(", ", I2cSensorCatalog.ChipNames)}"));
            return new I2cDriverOptions((I2cChip?)null);
        }

        var options = new I2cDriverOptions(parsed);
        IReadOnlyList<string> accepted = I2cSensorCatalog.SettingKeys(parsed);
        foreach (string key in settings.Keys.Where(k => !accepted.Contains(k)).Order(StringComparer.Ordinal))
        {
            string takes = accepted.Count == 0 ? "no settings" : string.Join(", ", accepted);
            errors.Add(new SensorConfigError(key, $"is not a setting of {I2cSensorCatalog.NameOf(parsed)} (it takes {takes})"));
        }

        string? Get(string key) => settings.TryGetValue(key, out string? value) && accepted.Contains(key) ? value.Trim() : null;

        return parsed switch
        {
            I2cChip.Bme280 => options with { Bme280 = ParseBme280(Get("mode"), Get("oversampling"), Get("filter"), errors) },
            I2cChip.Sht3x => options with { Sht3xRepeatability = ParseLevel(Get("repeatability"), "repeatability", Sht3xRepeatability.High, Sht3xRepeatability.Medium, Sht3xRepeatability.Low, errors) },
            I2cChip.Sht4x => options with { Sht4xPrecision = ParseLevel(Get("precision"), "precision", Sht4xPrecision.High, Sht4xPrecision.Medium, Sht4xPrecision.Low, errors) },
            I2cChip.Ads1115 => options with { Ads1115Gain = ParseGain(Get("gain"), errors), Ads1115DataRate = ParseDataRate(Get("dataRate"), errors) },
            I2cChip.Ina219 => options with { Ina219 = ParseIna219(Get("shuntOhms"), Get("maxCurrent"), Get("mode"), errors) },
            _ => options,
        };
    }

    /// <summary>Creates the driver on <paramref name="device"/> (owned by the caller); null for generic devices.</summary>
    public II2cSensor? CreateSensor(I2cDevice device, TimeProvider? timeProvider = null) => Chip switch
    {
        I2cChip.Bme280 => new Bme280(device, Bme280, timeProvider),
        I2cChip.Sht3x => new Sht3x(device, Sht3xRepeatability, timeProvider),
        I2cChip.Sht4x => new Sht4x(device, Sht4xPrecision, timeProvider),
        I2cChip.Ads1115 => new Ads1115(device, Ads1115Gain, Ads1115DataRate, timeProvider),
        I2cChip.Ina219 => new Ina219(device, Ina219, timeProvider),
        null => null,
        _ => throw new NotSupportedException($"No driver for {Chip}."),
    };

    private static Bme280Settings ParseBme280(string? mode, string? oversampling, string? filter, ICollection<SensorConfigError> errors)
    {
        var settings = new Bme280Settings();
        if (mode is not null)
        {
            switch (mode.ToLowerInvariant())
            {
                case "forced": settings = settings with { Mode = Bme280Mode.Forced }; break;
                case "normal": settings = settings with { Mode = Bme280Mode.Normal }; break;
                default: errors.Add(new SensorConfigError("mode", $"'{mode}' is not a BME280 mode: expected forced or normal")); break;
            }
        }

        if (oversampling is not null)
        {
            Bme280Oversampling? os = Ratio(oversampling) switch
            {
                1 => Bme280Oversampling.X1,
                2 => Bme280Oversampling.X2,
                4 => Bme280Oversampling.X4,
                8 => Bme280Oversampling.X8,
                16 => Bme280Oversampling.X16,
                _ => null,
            };
            if (os is { } value)
            {
                settings = settings with { TemperatureOversampling = value, PressureOversampling = value, HumidityOversampling = value };
            }
            else
            {
                errors.Add(new SensorConfigError("oversampling", $"'{oversampling}' is not a BME280 oversampling: expected 1, 2, 4, 8 or 16 (or x1..x16)"));
            }
        }

        if (filter is not null)
        {
            Bme280Filter? f = filter.Equals("off", StringComparison.OrdinalIgnoreCase) ? Bme280Filter.Off : Ratio(filter) switch
            {
                0 => Bme280Filter.Off,
                2 => Bme280Filter.X2,
                4 => Bme280Filter.X4,
                8 => Bme280Filter.X8,
                16 => Bme280Filter.X16,
                _ => null,
            };
            if (f is { } value)
            {
                settings = settings with { Filter = value };
            }
            else
            {
                errors.Add(new SensorConfigError("filter", $"'{filter}' is not a BME280 filter coefficient: expected off, 2, 4, 8 or 16"));
            }
        }

        return settings;
    }

    private static T ParseLevel<T>(string? text, string key, T high, T medium, T low, ICollection<SensorConfigError> errors)
    {
        switch (text?.ToLowerInvariant())
        {
            case null: return high;
            case "high": return high;
            case "medium": return medium;
            case "low": return low;
            default:
                errors.Add(new SensorConfigError(key, $"'{text}' is not a {key}: expected high, medium or low"));
                return high;
        }
    }

    private static Ads1115Gain ParseGain(string? text, ICollection<SensorConfigError> errors)
    {
        if (text is null)
        {
            return Ads1115Gain.Fsr4096mV;
        }

        // The gain is given as the full-scale range in volts (what the datasheet tables list), e.g. 4.096 or 4.096V.
        string number = text.TrimStart('±', '+').TrimEnd('V', 'v').Trim();
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double volts))
        {
            foreach (Ads1115Gain gain in Enum.GetValues<Ads1115Gain>())
            {
                if (Math.Abs(EdgeTwin.Devices.Ads1x15.Ads1115.FullScaleVolts(gain) - volts) < 1e-9)
                {
                    return gain;
                }
            }
        }

        errors.Add(new SensorConfigError("gain", $"'{text}' is not an ADS1115 full-scale range: expected 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 (volts)"));
        return Ads1115Gain.Fsr4096mV;
    }

    private static Ads1115DataRate ParseDataRate(string? text, ICollection<SensorConfigError> errors)
    {
        if (text is null)
        {
            return Ads1115DataRate.Sps128;
        }

        string number = text.EndsWith("sps", StringComparison.OrdinalIgnoreCase) ? text[..^3].Trim() : text;
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int sps))
        {
            foreach (Ads1115DataRate rate in Enum.GetValues<Ads1115DataRate>())
            {
                if (EdgeTwin.Devices.Ads1x15.Ads1115.SamplesPerSecond(rate) == sps)
                {
                    return rate;
                }
            }
        }

        errors.Add(new SensorConfigError("dataRate", $"'{text}' is not an ADS1115 data rate: expected 8, 16, 32, 64, 128, 250, 475 or 860 (samples per second)"));
        return Ads1115DataRate.Sps128;
    }

    private static Ina219Settings ParseIna219(string? shunt, string? maxCurrent, string? mode, ICollection<SensorConfigError> errors)
    {
        double shuntOhms = PositiveNumber(shunt, "shuntOhms", "Ω", DefaultShuntOhms, errors, out bool shuntOk);
        double maxAmps = PositiveNumber(maxCurrent, "maxCurrent", "A", DefaultMaxCurrent, errors, out bool currentOk);
        Ina219Calibration calibration;
        try
        {
            calibration = Ina219Calibration.ForMaxExpectedCurrent(shuntOhms, maxAmps);
        }
        catch (ArgumentOutOfRangeException)
        {
            if (shuntOk && currentOk)
            {
                errors.Add(new SensorConfigError(
                    maxCurrent is not null ? "maxCurrent" : "shuntOhms",
                    $"maxCurrent {Invariant(maxAmps)} A on a {Invariant(shuntOhms)} Ω shunt gives an INA219 calibration outside 2..65534: check both values"));
            }

            calibration = Ina219Calibration.ForMaxExpectedCurrent(DefaultShuntOhms, DefaultMaxCurrent);
        }

        var settings = new Ina219Settings(calibration);
        switch (mode?.ToLowerInvariant())
        {
            case null or "continuous": return settings;
            case "triggered": return settings with { Mode = Ina219Mode.ShuntAndBusTriggered };
            default:
                errors.Add(new SensorConfigError("mode", $"'{mode}' is not an INA219 mode: expected continuous or triggered"));
                return settings;
        }
    }

    private static double PositiveNumber(string? text, string key, string unit, double fallback, ICollection<SensorConfigError> errors, out bool ok)
    {
        ok = true;
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        ok = false;
        errors.Add(new SensorConfigError(key, $"'{text}' is not a positive number ({unit})"));
        return fallback;
    }

    /// <summary>"4", "x4", "X4" → 4; anything else → -1.</summary>
    private static int Ratio(string text)
    {
        string number = text.StartsWith('x') || text.StartsWith('X') ? text[1..] : text;
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : -1;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
