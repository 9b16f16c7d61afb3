using System.Collections.Concurrent;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// A thread-safe in-memory <see cref="IModbusDataStore"/>: one <see cref="ModbusUnitMemory"/> per unit id, or one
/// shared by every unit (<see cref="AnswerAllUnits"/>).
/// </summary>
public sealed class ModbusMemoryStore : IModbusDataStore
{
    private readonly ConcurrentDictionary<byte, ModbusUnitMemory> _units = new();
    private volatile ModbusUnitMemory? _all;

    /// <summary>Adds (or replaces) unit <paramref name="unit"/>; returns its memory.</summary>
    public ModbusUnitMemory AddUnit(byte unit, ModbusUnitMemory? memory = null)
    {
        memory ??= new ModbusUnitMemory();
        _units[unit] = memory;
        return memory;
    }

    /// <summary>Removes unit <paramref name="unit"/>: it stops answering, like a slave taken off the bus.</summary>
    public bool RemoveUnit(byte unit) => _units.TryRemove(unit, out _);

    /// <summary>Serves <paramref name="memory"/> for every unit id without its own memory.</summary>
    public ModbusUnitMemory AnswerAllUnits(ModbusUnitMemory? memory = null)
    {
        _all = memory ?? new ModbusUnitMemory();
        return _all;
    }

    /// <summary>The memory of <paramref name="unit"/>.</summary>
    public ModbusUnitMemory this[byte unit] => Find(unit) ?? throw new KeyNotFoundException($"Unit {unit} is not served.");

    /// <inheritdoc />
    public bool HasUnit(byte unit) => Find(unit) is not null;

    /// <inheritdoc />
    public ModbusExceptionCode ReadBits(byte unit, ModbusDataTable table, ushort address, Span<bool> destination) =>
        Find(unit)?.Read(table, address, destination) ?? ModbusExceptionCode.GatewayTargetFailedToRespond;

    /// <inheritdoc />
    public ModbusExceptionCode ReadRegisters(byte unit, ModbusDataTable table, ushort address, Span<ushort> destination) =>
        Find(unit)?.Read(table, address, destination) ?? ModbusExceptionCode.GatewayTargetFailedToRespond;

    /// <inheritdoc />
    public ModbusExceptionCode WriteCoils(byte unit, ushort address, ReadOnlySpan<bool> values) =>
        Find(unit)?.WriteCoils(address, values) ?? ModbusExceptionCode.GatewayTargetFailedToRespond;

    /// <inheritdoc />
    public ModbusExceptionCode WriteRegisters(byte unit, ushort address, ReadOnlySpan<ushort> values) =>
        Find(unit)?.WriteHolding(address, values) ?? ModbusExceptionCode.GatewayTargetFailedToRespond;

    private ModbusUnitMemory? Find(byte unit) => _units.TryGetValue(unit, out var memory) ? memory : _all;
}
