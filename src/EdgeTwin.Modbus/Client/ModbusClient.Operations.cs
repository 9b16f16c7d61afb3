using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Client;

/// <summary>The function codes as methods.</summary>
public sealed partial class ModbusClient
{
    /// <summary>FC1: reads <paramref name="count"/> coils into <paramref name="destination"/>.</summary>
    public ValueTask ReadCoilsAsync(byte unit, ushort address, int count, Memory<bool> destination, CancellationToken cancellationToken = default) =>
        ReadBitsAsync(ModbusFunctionCode.ReadCoils, unit, address, count, destination, cancellationToken);

    /// <summary>FC2: reads <paramref name="count"/> discrete inputs into <paramref name="destination"/>.</summary>
    public ValueTask ReadDiscreteInputsAsync(byte unit, ushort address, int count, Memory<bool> destination, CancellationToken cancellationToken = default) =>
        ReadBitsAsync(ModbusFunctionCode.ReadDiscreteInputs, unit, address, count, destination, cancellationToken);

    /// <summary>FC3: reads <paramref name="count"/> holding registers into <paramref name="destination"/>.</summary>
    public ValueTask ReadHoldingRegistersAsync(byte unit, ushort address, int count, Memory<ushort> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, unit, address, count, destination, default, cancellationToken);

    /// <summary>FC3: reads <paramref name="count"/> holding registers as big-endian byte pairs (for <see cref="Values.ModbusValueCodec"/>).</summary>
    public ValueTask ReadHoldingRegistersAsync(byte unit, ushort address, int count, Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, unit, address, count, default, destination, cancellationToken);

    /// <summary>FC4: reads <paramref name="count"/> input registers into <paramref name="destination"/>.</summary>
    public ValueTask ReadInputRegistersAsync(byte unit, ushort address, int count, Memory<ushort> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, unit, address, count, destination, default, cancellationToken);

    /// <summary>FC4: reads <paramref name="count"/> input registers as big-endian byte pairs.</summary>
    public ValueTask ReadInputRegistersAsync(byte unit, ushort address, int count, Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, unit, address, count, default, destination, cancellationToken);

    /// <summary>Reads bits of <paramref name="table"/> (coils or discrete inputs).</summary>
    public ValueTask ReadBitsAsync(ModbusDataTable table, byte unit, ushort address, int count, Memory<bool> destination, CancellationToken cancellationToken = default)
    {
        if (!table.IsBits())
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a bit table.");
        }

        return ReadBitsAsync(table.ReadFunction(), unit, address, count, destination, cancellationToken);
    }

    /// <summary>Reads registers of <paramref name="table"/> (holding or input) as big-endian byte pairs.</summary>
    public ValueTask ReadRegistersAsync(ModbusDataTable table, byte unit, ushort address, int count, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (table.IsBits())
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a register table.");
        }

        return ReadRegistersAsync(table.ReadFunction(), unit, address, count, default, destination, cancellationToken);
    }

    /// <summary>FC5: sets one coil.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteSingleCoilAsync(byte unit, ushort address, bool value, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: true);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.WriteSingleCoil(_adapter.RequestPdu, address, value);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                ModbusResponseDecoder.CheckEcho(_adapter.ResponsePdu(answer), _adapter.RequestPdu[..length]);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>FC6: writes one register.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteSingleRegisterAsync(byte unit, ushort address, ushort value, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: true);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.WriteSingleRegister(_adapter.RequestPdu, address, value);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                ModbusResponseDecoder.CheckEcho(_adapter.ResponsePdu(answer), _adapter.RequestPdu[..length]);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>FC15: sets consecutive coils.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleCoilsAsync(byte unit, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: true);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.WriteMultipleCoils(_adapter.RequestPdu, address, values.Span);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                ModbusResponseDecoder.CheckWriteMultiple(_adapter.ResponsePdu(answer), ModbusFunctionCode.WriteMultipleCoils, address, values.Length);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>FC16: writes consecutive registers.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleRegistersAsync(byte unit, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: true);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.WriteMultipleRegisters(_adapter.RequestPdu, address, values.Span);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                ModbusResponseDecoder.CheckWriteMultiple(_adapter.ResponsePdu(answer), ModbusFunctionCode.WriteMultipleRegisters, address, values.Length);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>FC16: writes consecutive registers given as big-endian byte pairs (as <see cref="Values.ModbusValueCodec"/> encodes them).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMultipleRegistersAsync(byte unit, ushort address, ReadOnlyMemory<byte> registerBytes, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: true);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.WriteMultipleRegisters(_adapter.RequestPdu, address, registerBytes.Span);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                ModbusResponseDecoder.CheckWriteMultiple(_adapter.ResponsePdu(answer), ModbusFunctionCode.WriteMultipleRegisters, address, registerBytes.Length / 2);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>FC23: writes <paramref name="values"/> at <paramref name="writeAddress"/>, then reads <paramref name="readCount"/> registers (one transaction).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadWriteMultipleRegistersAsync(byte unit, ushort readAddress, int readCount, Memory<ushort> destination, ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default)
    {
        CheckUnit(unit, isWrite: false);
        CheckDestination(readCount, destination.Length, ModbusLimits.MaxReadWriteReadRegisters, nameof(destination));
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.ReadWriteMultipleRegisters(_adapter.RequestPdu, readAddress, readCount, writeAddress, values.Span);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            ModbusResponseDecoder.ReadRegisters(_adapter.ResponsePdu(answer), ModbusFunctionCode.ReadWriteMultipleRegisters, readCount, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadBitsAsync(ModbusFunctionCode function, byte unit, ushort address, int count, Memory<bool> destination, CancellationToken cancellationToken)
    {
        CheckUnit(unit, isWrite: false);
        CheckDestination(count, destination.Length, ModbusLimits.MaxReadBits, nameof(destination));
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.Read(_adapter.RequestPdu, function, address, count);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            ModbusResponseDecoder.ReadBits(_adapter.ResponsePdu(answer), function, count, destination.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadRegistersAsync(ModbusFunctionCode function, byte unit, ushort address, int count, Memory<ushort> words, Memory<byte> bytes, CancellationToken cancellationToken)
    {
        CheckUnit(unit, isWrite: false);
        var asBytes = words.IsEmpty;
        CheckDestination(count, asBytes ? bytes.Length / 2 : words.Length, ModbusLimits.MaxReadRegisters, asBytes ? "destination (bytes / 2)" : "destination");
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = ModbusRequestEncoder.Read(_adapter.RequestPdu, function, address, count);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (asBytes)
            {
                ModbusResponseDecoder.ReadRegisters(_adapter.ResponsePdu(answer), function, count, bytes.Span);
            }
            else
            {
                ModbusResponseDecoder.ReadRegisters(_adapter.ResponsePdu(answer), function, count, words.Span);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
