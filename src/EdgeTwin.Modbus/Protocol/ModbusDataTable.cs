namespace EdgeTwin.Modbus.Protocol;

/// <summary>The four primary data tables of a Modbus device (Modbus Application Protocol V1.1b3 §4.3).</summary>
public enum ModbusDataTable : byte
{
    /// <summary>Read/write single bits (FC1, FC5, FC15).</summary>
    Coils,

    /// <summary>Read-only single bits (FC2).</summary>
    DiscreteInputs,

    /// <summary>Read/write 16-bit registers (FC3, FC6, FC16, FC23).</summary>
    HoldingRegisters,

    /// <summary>Read-only 16-bit registers (FC4).</summary>
    InputRegisters,
}

/// <summary>Helpers on <see cref="ModbusDataTable"/>.</summary>
public static class ModbusDataTableExtensions
{
    /// <summary>True for coils and discrete inputs.</summary>
    public static bool IsBits(this ModbusDataTable table) => table is ModbusDataTable.Coils or ModbusDataTable.DiscreteInputs;

    /// <summary>True for the tables a master may write (coils, holding registers).</summary>
    public static bool IsWritable(this ModbusDataTable table) => table is ModbusDataTable.Coils or ModbusDataTable.HoldingRegisters;

    /// <summary>The read function of <paramref name="table"/>.</summary>
    public static ModbusFunctionCode ReadFunction(this ModbusDataTable table) => table switch
    {
        ModbusDataTable.Coils => ModbusFunctionCode.ReadCoils,
        ModbusDataTable.DiscreteInputs => ModbusFunctionCode.ReadDiscreteInputs,
        ModbusDataTable.HoldingRegisters => ModbusFunctionCode.ReadHoldingRegisters,
        ModbusDataTable.InputRegisters => ModbusFunctionCode.ReadInputRegisters,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown Modbus table."),
    };

    /// <summary>Most items one read of <paramref name="table"/> may return.</summary>
    public static int MaxReadCount(this ModbusDataTable table) => table.IsBits() ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;

    /// <summary>Lower-case display name ("coils", "holding registers", ...).</summary>
    public static string DisplayName(this ModbusDataTable table) => table switch
    {
        ModbusDataTable.Coils => "coils",
        ModbusDataTable.DiscreteInputs => "discrete inputs",
        ModbusDataTable.HoldingRegisters => "holding registers",
        ModbusDataTable.InputRegisters => "input registers",
        _ => table.ToString(),
    };
}
