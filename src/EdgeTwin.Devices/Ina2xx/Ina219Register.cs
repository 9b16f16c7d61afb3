namespace EdgeTwin.Devices.Ina2xx;

/// <summary>INA219 register pointers (datasheet SBOS448, section 8.6, table 2).</summary>
public enum Ina219Register : byte
{
    /// <summary>Configuration (reset 0x399F).</summary>
    Configuration = 0x00,

    /// <summary>Shunt voltage, LSB 10 µV, two's complement.</summary>
    ShuntVoltage = 0x01,

    /// <summary>Bus voltage: BD[15:3] LSB 4 mV, bit 1 CNVR, bit 0 OVF.</summary>
    BusVoltage = 0x02,

    /// <summary>Power = Current × BusVoltage / 5000, LSB 20 × Current_LSB.</summary>
    Power = 0x03,

    /// <summary>Current = ShuntVoltage × Calibration / 4096, LSB Current_LSB.</summary>
    Current = 0x04,

    /// <summary>Calibration (bit 0 unused).</summary>
    Calibration = 0x05,
}
