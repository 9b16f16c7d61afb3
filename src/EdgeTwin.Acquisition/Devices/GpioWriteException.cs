namespace EdgeTwin.Acquisition.Devices;

/// <summary>A GPIO output write could not be confirmed: the pin read back another level than written.</summary>
public sealed class GpioWriteException : IOException
{
    /// <summary>Creates the exception.</summary>
    public GpioWriteException(string pointKey, int pin, bool written, bool readBack)
        : base($"point '{pointKey}': GPIO pin {pin} reads {(readBack ? 1 : 0)} after writing {(written ? 1 : 0)}")
    {
        PointKey = pointKey;
        Pin = pin;
    }

    /// <summary>The point written ("device/point").</summary>
    public string PointKey { get; }

    /// <summary>The GPIO line.</summary>
    public int Pin { get; }
}
