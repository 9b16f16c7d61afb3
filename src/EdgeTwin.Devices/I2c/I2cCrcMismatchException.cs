namespace EdgeTwin.Devices.I2c;

/// <summary>A data word arrived with a checksum that does not match its bytes (noise on the bus, loose wire).</summary>
public sealed class I2cCrcMismatchException : I2cDeviceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="busId">The I2C bus number.</param>
    /// <param name="address">The 7-bit device address.</param>
    /// <param name="command">The command whose response was corrupted.</param>
    /// <param name="wordIndex">Which 16-bit word of the response failed (0-based).</param>
    /// <param name="expected">The CRC computed over the received word.</param>
    /// <param name="actual">The CRC byte received.</param>
    public I2cCrcMismatchException(int busId, int address, int command, int wordIndex, byte expected, byte actual)
        : base(busId, address, command, $"CRC mismatch in word {wordIndex}: computed 0x{expected:X2}, received 0x{actual:X2}")
    {
        WordIndex = wordIndex;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The 0-based index of the failing word in the response.</summary>
    public int WordIndex { get; }

    /// <summary>The CRC computed over the received data.</summary>
    public byte Expected { get; }

    /// <summary>The CRC byte received from the device.</summary>
    public byte Actual { get; }
}
