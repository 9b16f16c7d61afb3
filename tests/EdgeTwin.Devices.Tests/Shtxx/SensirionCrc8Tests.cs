using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.Tests.Shtxx;

public sealed class SensirionCrc8Tests
{
    [Fact]
    public void Crc_of_0xBEEF_is_0x92_as_in_the_datasheet_example()
    {
        // SHT3x-DIS datasheet table 20 and SHT4x datasheet table 4: CRC(0xBEEF) = 0x92.
        Assert.Equal(0x92, SensirionCrc8.Compute([0xBE, 0xEF]));
    }

    [Fact]
    public void Crc_of_nothing_is_the_initial_value()
    {
        Assert.Equal(0xFF, SensirionCrc8.Compute([]));
    }

    [Fact]
    public void Table_driven_crc_matches_the_bitwise_definition()
    {
        var random = new Random(31);
        var data = new byte[2];
        for (int i = 0; i < 200; i++)
        {
            random.NextBytes(data);
            Assert.Equal(Bitwise(data), SensirionCrc8.Compute(data));
        }
    }

    private static byte Bitwise(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }
}
