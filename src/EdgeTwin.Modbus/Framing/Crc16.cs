namespace EdgeTwin.Modbus.Framing;

/// <summary>CRC-16/MODBUS (Modbus over serial line V1.02 §6.2.2): reflected polynomial 0xA001, initial 0xFFFF, sent low byte first.</summary>
public static class Crc16
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>Appends the CRC of <paramref name="frame"/>[..length] at <paramref name="length"/>; returns length + 2.</summary>
    public static int Append(Span<byte> frame, int length)
    {
        var crc = Compute(frame[..length]);
        frame[length] = (byte)crc;
        frame[length + 1] = (byte)(crc >> 8);
        return length + 2;
    }

    /// <summary>True when the last two bytes of <paramref name="frame"/> are the CRC of the rest.</summary>
    public static bool Check(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3)
        {
            return false;
        }

        var crc = Compute(frame[..^2]);
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
