using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Devices.Shtxx;

/// <summary>Splits a Sensirion response into 16-bit words, checking the CRC byte that follows each word.</summary>
internal static class SensirionWords
{
    /// <summary>Reads word <paramref name="index"/> of a response of 3-byte groups (MSB, LSB, CRC).</summary>
    public static ushort Read(ReadOnlySpan<byte> response, int index, I2cRegisterIo io, int command)
    {
        ReadOnlySpan<byte> group = response.Slice(index * 3, 3);
        byte expected = SensirionCrc8.Compute(group[..2]);
        if (expected != group[2])
        {
            throw new I2cCrcMismatchException(io.BusId, io.Address, command, index, expected, group[2]);
        }

        return (ushort)((group[0] << 8) | group[1]);
    }

    /// <summary>Temperature in °C from a raw word: T = -45 + 175·S_T / (2¹⁶ − 1) (SHT3x 4.13, SHT4x 4.6).</summary>
    public static double Temperature(ushort raw) => -45.0 + (175.0 * raw / 65535.0);
}
