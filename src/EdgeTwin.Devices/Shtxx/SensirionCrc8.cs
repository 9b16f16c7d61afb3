namespace EdgeTwin.Devices.Shtxx;

/// <summary>
/// CRC-8 of Sensirion humidity sensors: polynomial 0x31 (x⁸+x⁵+x⁴+1), init 0xFF, no reflection, no final XOR
/// (SHT3x datasheet section 4.12, SHT4x datasheet section 4.4). Example: CRC(0xBE 0xEF) = 0x92.
/// </summary>
public static class SensirionCrc8
{
    private static readonly byte[] Table = BuildTable();

    /// <summary>Computes the CRC over <paramref name="data"/>.</summary>
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc = Table[crc ^ b];
        }

        return crc;
    }

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x31 : crc << 1;
            }

            table[i] = (byte)crc;
        }

        return table;
    }
}
