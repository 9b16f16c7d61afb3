namespace EdgeTwin.Devices.Bmx280;

/// <summary>BME280 power mode (ctrl_meas mode[1:0], datasheet section 3.3).</summary>
public enum Bme280Mode : byte
{
    /// <summary>Sleep: no measurements.</summary>
    Sleep = 0,

    /// <summary>Forced: one measurement per request, then back to sleep (best for slow polling).</summary>
    Forced = 1,

    /// <summary>Normal: continuous measurements separated by the standby time.</summary>
    Normal = 3,
}
