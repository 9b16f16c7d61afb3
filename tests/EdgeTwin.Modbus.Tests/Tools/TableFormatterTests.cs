using EdgeTwin.Modbus.Tools;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Modbus.Tests.Tools;

public sealed class TableFormatterTests
{
    [Fact]
    public void Formats_float32_rows_with_address_raw_and_value()
    {
        var rows = Rows(ModbusTableFormatter.FormatRegisters(100, Convert.FromHexString("000041AC0000C2C8"), ModbusDataType.Float32, ModbusWordOrder.CDAB));
        Assert.Equal(3, rows.Length);
        Assert.Equal(["address", "registers", "Float32", "CDAB"], rows[0]);
        Assert.Equal(["100", "0000", "41AC", "21.5"], rows[1]);
        Assert.Equal(["102", "0000", "C2C8", "-100"], rows[2]);
    }

    [Fact]
    public void Formats_one_row_per_value_and_notes_leftover_registers()
    {
        var rows = Rows(ModbusTableFormatter.FormatRegisters(0, Convert.FromHexString("04D2FFFF0001"), ModbusDataType.Int32));
        Assert.Equal(["0", "04D2", "FFFF", "80936959"], rows[1]);
        Assert.Equal("(1", rows[2][0]);

        rows = Rows(ModbusTableFormatter.FormatRegisters(7, Convert.FromHexString("04D2FFFF"), ModbusDataType.UInt16));
        Assert.Equal(["7", "04D2", "1234"], rows[1]);
        Assert.Equal(["8", "FFFF", "65535"], rows[2]);
    }

    [Fact]
    public void Formats_strings_and_register_bits()
    {
        var text = ModbusTableFormatter.FormatRegisters(20, Convert.FromHexString("50554D503100"), ModbusDataType.String);
        Assert.Contains("\"PUMP1\"", text);
        text = ModbusTableFormatter.FormatRegisters(20, Convert.FromHexString("8001"), ModbusDataType.Bool);
        Assert.Contains("bits 1000 0000 0000 0001", text);
    }

    [Fact]
    public void Formats_bits()
    {
        var rows = Rows(ModbusTableFormatter.FormatBits(3, [true, false]));
        Assert.Equal(["3", "1"], rows[1]);
        Assert.Equal(["4", "0"], rows[2]);
    }

    private static string[][] Rows(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
}
