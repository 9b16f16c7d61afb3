namespace EdgeTwin.Devices.Scaling;

/// <summary>
/// A linear map from a measured quantity (volts, amperes) to engineering units: <c>value × Scale + Offset</c>.
/// </summary>
/// <param name="Scale">Engineering units per input unit.</param>
/// <param name="Offset">Engineering value at input 0.</param>
public readonly record struct LinearScaling(double Scale, double Offset)
{
    /// <summary>The identity map.</summary>
    public static LinearScaling Identity => new(1.0, 0.0);

    /// <summary>Applies the map.</summary>
    public double Apply(double value) => (value * Scale) + Offset;

    /// <summary>The map through two calibration points (input, engineering value).</summary>
    public static LinearScaling FromTwoPoints(double input1, double value1, double input2, double value2)
    {
        if (input1 == input2 || !double.IsFinite(input1) || !double.IsFinite(input2))
        {
            throw new ArgumentException($"Scaling points need two different finite inputs, got {input1} and {input2}.", nameof(input2));
        }

        double scale = (value2 - value1) / (input2 - input1);
        return new LinearScaling(scale, value1 - (input1 * scale));
    }

    /// <summary>
    /// A 4–20 mA current loop read as the voltage across a shunt: 4 mA × R reads <paramref name="valueAt4mA"/>,
    /// 20 mA × R reads <paramref name="valueAt20mA"/> (a 250 Ω shunt gives 1–5 V, 150 Ω gives 0.6–3 V).
    /// </summary>
    public static LinearScaling CurrentLoop(double shuntOhms, double valueAt4mA, double valueAt20mA)
    {
        if (!(shuntOhms > 0) || !double.IsFinite(shuntOhms))
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), shuntOhms, "Shunt resistance must be positive.");
        }

        return FromTwoPoints(0.004 * shuntOhms, valueAt4mA, 0.020 * shuntOhms, valueAt20mA);
    }

    /// <summary>
    /// The loop current in mA that a shunt voltage means; below 3.6 mA or above 21 mA a NAMUR NE43 transmitter
    /// signals a fault (broken wire, sensor failure).
    /// </summary>
    public static double LoopMilliamps(double shuntVolts, double shuntOhms) => shuntVolts / shuntOhms * 1000.0;
}
