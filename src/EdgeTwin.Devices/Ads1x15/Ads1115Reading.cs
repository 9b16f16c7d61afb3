using EdgeTwin.Devices.Scaling;

namespace EdgeTwin.Devices.Ads1x15;

/// <summary>One ADS1115 conversion.</summary>
/// <param name="Input">The multiplexer setting converted.</param>
/// <param name="Gain">The full-scale range used.</param>
/// <param name="Raw">The raw two's complement code.</param>
/// <param name="Volts">The input voltage, Raw × FSR / 2¹⁵.</param>
public readonly record struct Ads1115Reading(Ads1115Input Input, Ads1115Gain Gain, short Raw, double Volts)
{
    /// <summary>
    /// True when the code sits at a rail (0x7FFF or 0x8000): the input is at or beyond full scale and the
    /// value is clipped.
    /// </summary>
    public bool IsClipped => Raw is short.MaxValue or short.MinValue;

    /// <summary>The voltage in engineering units through <paramref name="scaling"/>.</summary>
    public double Scaled(LinearScaling scaling) => scaling.Apply(Volts);
}
