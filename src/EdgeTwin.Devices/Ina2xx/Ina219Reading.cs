namespace EdgeTwin.Devices.Ina2xx;

/// <summary>One INA219 reading.</summary>
/// <param name="BusVolts">Bus voltage (IN− to GND) in V.</param>
/// <param name="ShuntVolts">Shunt voltage in V (signed).</param>
/// <param name="Amperes">Current in A (signed).</param>
/// <param name="Watts">Power in W.</param>
/// <param name="ConversionReady">CNVR: a conversion completed since the power register was last read.</param>
/// <param name="MathOverflow">OVF: current or power calculation out of range; current and power are meaningless.</param>
public readonly record struct Ina219Reading(
    double BusVolts, double ShuntVolts, double Amperes, double Watts, bool ConversionReady, bool MathOverflow);
