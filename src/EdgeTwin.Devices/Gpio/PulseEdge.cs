namespace EdgeTwin.Devices.Gpio;

/// <summary>Which edges a pulse counter counts.</summary>
public enum PulseEdge
{
    /// <summary>Low-to-high transitions.</summary>
    Rising,

    /// <summary>High-to-low transitions.</summary>
    Falling,

    /// <summary>Both transitions (two counts per pulse).</summary>
    Both,
}
