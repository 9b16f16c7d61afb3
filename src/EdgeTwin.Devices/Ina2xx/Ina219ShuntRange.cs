namespace EdgeTwin.Devices.Ina2xx;

/// <summary>Shunt PGA gain and range, configuration bits 12:11 (PG, datasheet table 4).</summary>
public enum Ina219ShuntRange : byte
{
    /// <summary>Gain 1, ±40 mV.</summary>
    Range40mV = 0,

    /// <summary>Gain /2, ±80 mV.</summary>
    Range80mV = 1,

    /// <summary>Gain /4, ±160 mV.</summary>
    Range160mV = 2,

    /// <summary>Gain /8, ±320 mV (reset value).</summary>
    Range320mV = 3,
}
