namespace EdgeTwin.Acquisition.Devices;

/// <summary>
/// The I2C bus device file cannot be opened: /dev/i2c-N is missing (I2C not enabled, wrong bus number) or the
/// process lacks permission (not in group <c>i2c</c>). The message says which and how to fix it.
/// </summary>
public sealed class I2cBusUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public I2cBusUnavailableException(int bus, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Bus = bus;
    }

    /// <summary>The bus number.</summary>
    public int Bus { get; }
}
