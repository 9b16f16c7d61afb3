namespace EdgeTwin.Devices.Ina2xx;

/// <summary>INA219 configuration, written by <see cref="Ina219.Initialize"/>.</summary>
/// <param name="Calibration">Shunt and current LSB.</param>
public sealed record Ina219Settings(Ina219Calibration Calibration)
{
    /// <summary>Bus voltage range.</summary>
    public Ina219BusVoltageRange BusVoltageRange { get; init; } = Ina219BusVoltageRange.Range32V;

    /// <summary>Shunt voltage range (PGA).</summary>
    public Ina219ShuntRange ShuntRange { get; init; } = Ina219ShuntRange.Range320mV;

    /// <summary>Bus ADC resolution/averaging.</summary>
    public Ina219AdcSetting BusAdc { get; init; } = Ina219AdcSetting.Bits12;

    /// <summary>Shunt ADC resolution/averaging.</summary>
    public Ina219AdcSetting ShuntAdc { get; init; } = Ina219AdcSetting.Bits12;

    /// <summary>Operating mode.</summary>
    public Ina219Mode Mode { get; init; } = Ina219Mode.ShuntAndBusContinuous;

    /// <summary>The configuration register: 13 BRNG, 12:11 PG, 10:7 BADC, 6:3 SADC, 2:0 MODE.</summary>
    public ushort ConfigurationRegister =>
        (ushort)(((int)BusVoltageRange << 13) | ((int)ShuntRange << 11) | ((int)BusAdc << 7) | ((int)ShuntAdc << 3) | (int)Mode);

    /// <summary>Whether conversions run only when triggered by a configuration write.</summary>
    public bool IsTriggered => Mode is Ina219Mode.ShuntTriggered or Ina219Mode.BusTriggered or Ina219Mode.ShuntAndBusTriggered;

    /// <summary>Throws <see cref="ArgumentException"/> for an undefined setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Calibration);
        if (!Enum.IsDefined(BusVoltageRange) || !Enum.IsDefined(ShuntRange) || !Enum.IsDefined(BusAdc) || !Enum.IsDefined(ShuntAdc) || !Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"INA219 settings contain an undefined value: {this}.");
        }
    }

    /// <summary>The conversion time of one ADC setting (datasheet table 5).</summary>
    public static TimeSpan ConversionTime(Ina219AdcSetting setting) => TimeSpan.FromMicroseconds(setting switch
    {
        Ina219AdcSetting.Bits9 => 84,
        Ina219AdcSetting.Bits10 => 148,
        Ina219AdcSetting.Bits11 => 276,
        Ina219AdcSetting.Bits12 => 532,
        Ina219AdcSetting.Samples2 => 1060,
        Ina219AdcSetting.Samples4 => 2130,
        Ina219AdcSetting.Samples8 => 4260,
        Ina219AdcSetting.Samples16 => 8510,
        Ina219AdcSetting.Samples32 => 17020,
        Ina219AdcSetting.Samples64 => 34050,
        _ => 68100,
    });
}
