namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// A GPIO chip cannot be opened: /dev/gpiochipN is missing, libgpiod is not installed, or the process lacks
/// permission (not in group <c>gpio</c>). The message says which.
/// </summary>
public sealed class GpioUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public GpioUnavailableException(int chip, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Chip = chip;
    }

    /// <summary>The gpiochip number.</summary>
    public int Chip { get; }
}
