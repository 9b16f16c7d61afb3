namespace EdgeTwin.Devices.I2c;

/// <summary>
/// A device answered, but its identification (chip-id register, or a register's power-on default where the chip
/// has no id) is not the expected one: another chip sits at that address.
/// </summary>
public sealed class I2cWrongChipIdException : I2cDeviceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="busId">The I2C bus number.</param>
    /// <param name="address">The 7-bit device address.</param>
    /// <param name="register">The id register that was read.</param>
    /// <param name="expected">The expected id.</param>
    /// <param name="actual">The id actually read.</param>
    /// <param name="chip">The chip the driver expects, for the message.</param>
    public I2cWrongChipIdException(int busId, int address, int register, int expected, int actual, string chip)
        : base(busId, address, register, $"expected {chip} id 0x{expected:X2}, read 0x{actual:X2}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The expected id.</summary>
    public int Expected { get; }

    /// <summary>The id read from the device.</summary>
    public int Actual { get; }
}
