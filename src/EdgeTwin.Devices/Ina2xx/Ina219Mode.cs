namespace EdgeTwin.Devices.Ina2xx;

/// <summary>Operating mode, configuration bits 2:0 (datasheet table 6).</summary>
public enum Ina219Mode : byte
{
    /// <summary>Power-down.</summary>
    PowerDown = 0,

    /// <summary>Shunt voltage, triggered.</summary>
    ShuntTriggered = 1,

    /// <summary>Bus voltage, triggered.</summary>
    BusTriggered = 2,

    /// <summary>Shunt and bus, triggered.</summary>
    ShuntAndBusTriggered = 3,

    /// <summary>ADC off (disabled).</summary>
    AdcOff = 4,

    /// <summary>Shunt voltage, continuous.</summary>
    ShuntContinuous = 5,

    /// <summary>Bus voltage, continuous.</summary>
    BusContinuous = 6,

    /// <summary>Shunt and bus, continuous (reset value).</summary>
    ShuntAndBusContinuous = 7,
}
