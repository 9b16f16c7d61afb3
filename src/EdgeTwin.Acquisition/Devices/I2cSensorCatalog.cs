using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// What the configuration may say about I2C chips: the chip names, the measurements each chip provides and the
/// settings each chip takes. <c>generic</c> is a register-mapped chip without a driver (points use
/// <c>register</c>); it is represented as a <see langword="null"/> <see cref="I2cChip"/>.
/// </summary>
public static class I2cSensorCatalog
{
    /// <summary>The configuration name of a chip without a driver, read through register points.</summary>
    public const string GenericChip = "generic";

    private static readonly I2cMeasurement[] Bme280 =
    [
        new("temperature", I2cQuantity.Temperature, "°C"),
        new("humidity", I2cQuantity.Humidity, "%RH"),
        new("pressure", I2cQuantity.Pressure, "Pa"),
    ];

    private static readonly I2cMeasurement[] Sht =
    [
        new("temperature", I2cQuantity.Temperature, "°C"),
        new("humidity", I2cQuantity.Humidity, "%RH"),
    ];

    private static readonly I2cMeasurement[] Ads1115 =
    [
        new("ain0", I2cQuantity.Ain0, "V"),
        new("ain1", I2cQuantity.Ain1, "V"),
        new("ain2", I2cQuantity.Ain2, "V"),
        new("ain3", I2cQuantity.Ain3, "V"),
        new("diff01", I2cQuantity.Diff01, "V"),
        new("diff03", I2cQuantity.Diff03, "V"),
        new("diff13", I2cQuantity.Diff13, "V"),
        new("diff23", I2cQuantity.Diff23, "V"),
    ];

    private static readonly I2cMeasurement[] Ina219 =
    [
        new("bus_voltage", I2cQuantity.BusVoltage, "V"),
        new("shunt_voltage", I2cQuantity.ShuntVoltage, "V"),
        new("current", I2cQuantity.Current, "A"),
        new("power", I2cQuantity.Power, "W"),
    ];

    /// <summary>Every chip name the configuration accepts.</summary>
    public static IReadOnlyList<string> ChipNames { get; } = ["bme280", "sht3x", "sht4x", "ads1115", "ina219", GenericChip];

    /// <summary>Parses a configuration chip name (case-insensitive); <paramref name="chip"/> is null for <c>generic</c>.</summary>
    public static bool TryParseChip(string? name, out I2cChip? chip)
    {
        chip = null;
        switch (name?.ToLowerInvariant())
        {
            case "bme280": chip = I2cChip.Bme280; return true;
            case "sht3x": chip = I2cChip.Sht3x; return true;
            case "sht4x": chip = I2cChip.Sht4x; return true;
            case "ads1115": chip = I2cChip.Ads1115; return true;
            case "ina219": chip = I2cChip.Ina219; return true;
            case GenericChip: return true;
            default: return false;
        }
    }

    /// <summary>The configuration name of a chip (<see langword="null"/> is <c>generic</c>).</summary>
    public static string NameOf(I2cChip? chip) => chip?.ToString().ToLowerInvariant() ?? GenericChip;

    /// <summary>The measurements a chip provides; empty for generic chips and chips without a driver.</summary>
    public static IReadOnlyList<I2cMeasurement> Measurements(I2cChip? chip) => chip switch
    {
        I2cChip.Bme280 => Bme280,
        I2cChip.Sht3x or I2cChip.Sht4x => Sht,
        I2cChip.Ads1115 => Ads1115,
        I2cChip.Ina219 => Ina219,
        _ => [],
    };

    /// <summary>Finds a measurement of a chip by its configuration name (case-insensitive).</summary>
    public static bool TryGetMeasurement(I2cChip? chip, string? name, out I2cMeasurement measurement)
    {
        measurement = Measurements(chip).FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return measurement is not null;
    }

    /// <summary>The device settings a chip takes (keys of the <c>i2c:</c> section besides bus, address, chip).</summary>
    public static IReadOnlyList<string> SettingKeys(I2cChip? chip) => chip switch
    {
        I2cChip.Bme280 => ["mode", "oversampling", "filter"],
        I2cChip.Sht3x => ["repeatability"],
        I2cChip.Sht4x => ["precision"],
        I2cChip.Ads1115 => ["gain", "dataRate"],
        I2cChip.Ina219 => ["shuntOhms", "maxCurrent", "mode"],
        _ => [],
    };

    /// <summary>
    /// Checks the device settings of a chip: unknown chip names, settings the chip does not take and bad values.
    /// </summary>
    public static IReadOnlyList<SensorConfigError> CheckDevice(string chip, IReadOnlyDictionary<string, string> settings)
    {
        var errors = new List<SensorConfigError>();
        I2cDriverOptions.Parse(chip, settings, errors);
        return errors;
    }

    /// <summary>
    /// Checks the I2C part of a point of a device with chip <paramref name="chip"/>: the measurement must be one
    /// the chip provides; generic register points need a supported type, length and order.
    /// </summary>
    public static IReadOnlyList<SensorConfigError> CheckPoint(string chip, Core.Configuration.PointConfig point)
    {
        var errors = new List<SensorConfigError>();
        if (TryParseChip(chip, out I2cChip? parsed))
        {
            I2cPointPlan.Create(parsed, point, errors);
        }

        return errors;
    }
}
