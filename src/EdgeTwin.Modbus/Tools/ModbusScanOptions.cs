using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tools;

/// <summary>What <see cref="ModbusScanner"/> probes and how long it waits per unit.</summary>
public sealed record ModbusScanOptions
{
    /// <summary>First unit id probed.</summary>
    public byte FirstUnit { get; init; } = 1;

    /// <summary>Last unit id probed.</summary>
    public byte LastUnit { get; init; } = ModbusLimits.MaxUnitId;

    /// <summary>Wait per unit; short, because most ids on a bus are absent.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Table read as the probe.</summary>
    public ModbusDataTable Table { get; init; } = ModbusDataTable.HoldingRegisters;

    /// <summary>Address read as the probe.</summary>
    public ushort Address { get; init; }
}
