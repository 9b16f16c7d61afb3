namespace EdgeTwin.Devices.I2c;

/// <summary>
/// Base of the I2C device exception family. Every instance names the bus, the 7-bit address and, where one was
/// involved, the register or command, so a fault in a log says which wire and which chip misbehaved.
/// </summary>
public class I2cDeviceException : Exception
{
    /// <summary>Creates an exception for a device on a bus.</summary>
    /// <param name="busId">The I2C bus number (the N of /dev/i2c-N).</param>
    /// <param name="address">The 7-bit device address.</param>
    /// <param name="register">The register or command involved, or <see langword="null"/>.</param>
    /// <param name="detail">What went wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public I2cDeviceException(int busId, int address, int? register, string detail, Exception? innerException = null)
        : base(FormatMessage(busId, address, register, detail), innerException)
    {
        BusId = busId;
        Address = address;
        Register = register;
    }

    /// <summary>The I2C bus number.</summary>
    public int BusId { get; }

    /// <summary>The 7-bit device address.</summary>
    public int Address { get; }

    /// <summary>The register (8-bit) or command (16-bit) involved, or <see langword="null"/>.</summary>
    public int? Register { get; }

    /// <summary>Formats "I2C bus 1, address 0x76, register 0xD0: detail".</summary>
    internal static string FormatMessage(int busId, int address, int? register, string detail)
    {
        string where = register switch
        {
            null => string.Empty,
            > 0xFF => $", command 0x{register.Value:X4}",
            _ => $", register 0x{register.Value:X2}",
        };
        return $"I2C bus {busId}, address 0x{address:X2}{where}: {detail}";
    }
}
