namespace EdgeTwin.Devices.Ina2xx;

/// <summary>
/// The calibration of the INA219 power engine (datasheet section 8.5.1, equations 1–3):
/// Cal = trunc(0.04096 / (Current_LSB × R_SHUNT)), Power_LSB = 20 × Current_LSB.
/// </summary>
public sealed record Ina219Calibration
{
    private Ina219Calibration(double shuntOhms, double currentLsb, ushort register)
    {
        ShuntOhms = shuntOhms;
        CurrentLsb = currentLsb;
        Register = register;
    }

    /// <summary>Shunt resistance in Ω.</summary>
    public double ShuntOhms { get; }

    /// <summary>Amperes per bit of the current register.</summary>
    public double CurrentLsb { get; }

    /// <summary>Watts per bit of the power register (20 × Current_LSB).</summary>
    public double PowerLsb => 20.0 * CurrentLsb;

    /// <summary>The value written to the calibration register.</summary>
    public ushort Register { get; }

    /// <summary>The largest current the current register can hold (Current_LSB × 32767).</summary>
    public double MaxCurrent => CurrentLsb * short.MaxValue;

    /// <summary>Calibration for an explicitly chosen current LSB (for example 1 mA for direct decimal readings).</summary>
    public static Ina219Calibration FromCurrentLsb(double shuntOhms, double currentLsb)
    {
        if (!(shuntOhms > 0) || !double.IsFinite(shuntOhms))
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), shuntOhms, "INA219 shunt resistance must be positive.");
        }

        if (!(currentLsb > 0) || !double.IsFinite(currentLsb))
        {
            throw new ArgumentOutOfRangeException(nameof(currentLsb), currentLsb, "INA219 current LSB must be positive.");
        }

        // Small epsilon: 0.04096 / (0.001 × 0.002) is 20480 exactly on paper but 20479.999… in binary floating point.
        double cal = Math.Floor((0.04096 / (currentLsb * shuntOhms)) + 1e-9);
        if (cal < 2 || cal > 0xFFFE)
        {
            throw new ArgumentOutOfRangeException(
                nameof(currentLsb), currentLsb, $"INA219 calibration {cal} for {shuntOhms} Ω is outside 2..65534; choose another current LSB.");
        }

        return new Ina219Calibration(shuntOhms, currentLsb, (ushort)((ushort)cal & 0xFFFE));
    }

    /// <summary>
    /// The datasheet procedure: Minimum_LSB = Max_Expected_I / 2¹⁵, rounded up to the next 1-2-5 step so the
    /// registers read in round numbers (the datasheet example picks 100 µA for a minimum of 61 µA).
    /// </summary>
    public static Ina219Calibration ForMaxExpectedCurrent(double shuntOhms, double maxExpectedAmps)
    {
        if (!(maxExpectedAmps > 0) || !double.IsFinite(maxExpectedAmps))
        {
            throw new ArgumentOutOfRangeException(nameof(maxExpectedAmps), maxExpectedAmps, "INA219 maximum expected current must be positive.");
        }

        return FromCurrentLsb(shuntOhms, RoundUp125(maxExpectedAmps / 32768.0));
    }

    /// <summary>The smallest value of the 1-2-5 series (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) that is ≥ <paramref name="value"/>.</summary>
    internal static double RoundUp125(double value)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            double candidate = step * decade;
            if (candidate >= value * (1 - 1e-12))
            {
                return candidate;
            }
        }

        return 10 * decade;
    }
}
