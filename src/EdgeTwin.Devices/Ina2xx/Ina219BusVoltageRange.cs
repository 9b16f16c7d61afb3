namespace EdgeTwin.Devices.Ina2xx;

/// <summary>Bus voltage full-scale range, configuration bit 13 (BRNG).</summary>
public enum Ina219BusVoltageRange : byte
{
    /// <summary>16 V.</summary>
    Range16V = 0,

    /// <summary>32 V (reset value).</summary>
    Range32V = 1,
}
