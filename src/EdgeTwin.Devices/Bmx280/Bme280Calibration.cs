using System.Buffers.Binary;

namespace EdgeTwin.Devices.Bmx280;

/// <summary>
/// Trimming parameters burned into each BME280 (datasheet section 4.2.2, table 16). Words are little-endian.
/// </summary>
public sealed record Bme280Calibration(
    ushort DigT1, short DigT2, short DigT3,
    ushort DigP1, short DigP2, short DigP3, short DigP4, short DigP5, short DigP6, short DigP7, short DigP8, short DigP9,
    byte DigH1, short DigH2, byte DigH3, short DigH4, short DigH5, sbyte DigH6)
{
    /// <summary>Bytes in the block 0x88..0xA1 (calib00..calib25).</summary>
    public const int TemperaturePressureBlockLength = 26;

    /// <summary>Bytes in the block 0xE1..0xE7 (calib26..calib32).</summary>
    public const int HumidityBlockLength = 7;

    /// <summary>Parses the two calibration blocks as read from the chip.</summary>
    /// <param name="block88">26 bytes read from 0x88..0xA1.</param>
    /// <param name="blockE1">7 bytes read from 0xE1..0xE7.</param>
    public static Bme280Calibration Parse(ReadOnlySpan<byte> block88, ReadOnlySpan<byte> blockE1)
    {
        if (block88.Length != TemperaturePressureBlockLength)
        {
            throw new ArgumentException($"BME280 calibration block 0x88..0xA1 must be {TemperaturePressureBlockLength} bytes, got {block88.Length}.", nameof(block88));
        }

        if (blockE1.Length != HumidityBlockLength)
        {
            throw new ArgumentException($"BME280 calibration block 0xE1..0xE7 must be {HumidityBlockLength} bytes, got {blockE1.Length}.", nameof(blockE1));
        }

        // 0xE4/0xE5/0xE6 pack two 12-bit signed values: dig_H4 = E4[7:0]:E5[3:0], dig_H5 = E6[7:0]:E5[7:4].
        short h4 = (short)(((sbyte)blockE1[3] * 16) | (blockE1[4] & 0x0F));
        short h5 = (short)(((sbyte)blockE1[5] * 16) | (blockE1[4] >> 4));
        return new Bme280Calibration(
            DigT1: U16(block88, 0), DigT2: S16(block88, 2), DigT3: S16(block88, 4),
            DigP1: U16(block88, 6), DigP2: S16(block88, 8), DigP3: S16(block88, 10), DigP4: S16(block88, 12),
            DigP5: S16(block88, 14), DigP6: S16(block88, 16), DigP7: S16(block88, 18), DigP8: S16(block88, 20),
            DigP9: S16(block88, 22),
            DigH1: block88[25], // 0xA1; 0xA0 is reserved
            DigH2: S16(blockE1, 0), DigH3: blockE1[2], DigH4: h4, DigH5: h5, DigH6: (sbyte)blockE1[6]);
    }

    private static ushort U16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(b[offset..]);

    private static short S16(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadInt16LittleEndian(b[offset..]);
}
