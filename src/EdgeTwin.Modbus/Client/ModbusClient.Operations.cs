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
    public ValueTask WriteSingleCoilAsync(byte unit, ushort address, bool value, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: true, new SingleCoil(address, value), cancellationToken);

    /// <summary>FC6: writes one register.</summary>
    public ValueTask WriteSingleRegisterAsync(byte unit, ushort address, ushort value, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: true, new SingleRegister(address, value), cancellationToken);

    /// <summary>FC15: sets consecutive coils.</summary>
    public ValueTask WriteMultipleCoilsAsync(byte unit, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: true, new MultipleCoils(address, values), cancellationToken);

    /// <summary>FC16: writes consecutive registers.</summary>
    public ValueTask WriteMultipleRegistersAsync(byte unit, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: true, new MultipleRegisters(address, values, default), cancellationToken);

    /// <summary>FC16: writes consecutive registers given as big-endian byte pairs (as <see cref="Values.ModbusValueCodec"/> encodes them).</summary>
    public ValueTask WriteMultipleRegistersAsync(byte unit, ushort address, ReadOnlyMemory<byte> registerBytes, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: true, new MultipleRegisters(address, default, registerBytes), cancellationToken);

    /// <summary>FC23: writes <paramref name="values"/> at <paramref name="writeAddress"/>, then reads <paramref name="readCount"/> registers (one transaction).</summary>
    public ValueTask ReadWriteMultipleRegistersAsync(byte unit, ushort readAddress, int readCount, Memory<ushort> destination, ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default) =>
        ExchangeAsync(unit, isWrite: false, new ReadWriteRegisters(readAddress, readCount, destination, writeAddress, values), cancellationToken);

    private ValueTask ReadBitsAsync(ModbusFunctionCode function, byte unit, ushort address, int count, Memory<bool> destination, CancellationToken cancellationToken) =>
        ExchangeAsync(unit, isWrite: false, new ReadBits(function, address, count, destination), cancellationToken);

    private ValueTask ReadRegistersAsync(ModbusFunctionCode function, byte unit, ushort address, int count, Memory<ushort> words, Memory<byte> bytes, CancellationToken cancellationToken) =>
        ExchangeAsync(unit, isWrite: false, new ReadRegisters(function, address, count, words, bytes), cancellationToken);

    /// <summary>
    /// One transaction under the client's gate: <paramref name="exchange"/> checks its arguments, encodes the request PDU
    /// and checks or decodes the response PDU (not for an RTU broadcast, which has none). Argument errors surface
    /// through the returned task, as from any async method. Generic over the struct, so nothing is allocated per call.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ExchangeAsync<TExchange>(byte unit, bool isWrite, TExchange exchange, CancellationToken cancellationToken)
        where TExchange : struct, IExchange
    {
        CheckUnit(unit, isWrite);
        exchange.CheckArguments();
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = exchange.Encode(_adapter.RequestPdu);
            var answer = await TransactAsync(unit, length, cancellationToken).ConfigureAwait(false);
            if (answer > 0)
            {
                exchange.Decode(_adapter.ResponsePdu(answer), _adapter.RequestPdu[..length]);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One function code: how its request is encoded and its response checked.</summary>
    private interface IExchange
    {
        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a quantity the function cannot carry.</summary>
        void CheckArguments();

        /// <summary>Writes the request PDU; returns its length.</summary>
        int Encode(Span<byte> request);

        /// <summary>Checks (and for reads, decodes) the response to <paramref name="request"/>.</summary>
        void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request);
    }

    private readonly record struct SingleCoil(ushort Address, bool Value) : IExchange
    {
        public void CheckArguments()
        {
        }

        public int Encode(Span<byte> request) => ModbusRequestEncoder.WriteSingleCoil(request, Address, Value);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) => ModbusResponseDecoder.CheckEcho(response, request);
    }

    private readonly record struct SingleRegister(ushort Address, ushort Value) : IExchange
    {
        public void CheckArguments()
        {
        }

        public int Encode(Span<byte> request) => ModbusRequestEncoder.WriteSingleRegister(request, Address, Value);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) => ModbusResponseDecoder.CheckEcho(response, request);
    }

    private readonly record struct MultipleCoils(ushort Address, ReadOnlyMemory<bool> Values) : IExchange
    {
        public void CheckArguments()
        {
        }

        public int Encode(Span<byte> request) => ModbusRequestEncoder.WriteMultipleCoils(request, Address, Values.Span);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) =>
            ModbusResponseDecoder.CheckWriteMultiple(response, ModbusFunctionCode.WriteMultipleCoils, Address, Values.Length);
    }

    /// <summary>FC16 from words, or (when <paramref name="Words"/> is empty) from big-endian byte pairs.</summary>
    private readonly record struct MultipleRegisters(ushort Address, ReadOnlyMemory<ushort> Words, ReadOnlyMemory<byte> Bytes) : IExchange
    {
        public void CheckArguments()
        {
        }

        public int Encode(Span<byte> request) => Words.IsEmpty
            ? ModbusRequestEncoder.WriteMultipleRegisters(request, Address, Bytes.Span)
            : ModbusRequestEncoder.WriteMultipleRegisters(request, Address, Words.Span);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) =>
            ModbusResponseDecoder.CheckWriteMultiple(response, ModbusFunctionCode.WriteMultipleRegisters, Address, Words.IsEmpty ? Bytes.Length / 2 : Words.Length);
    }

    private readonly record struct ReadWriteRegisters(ushort ReadAddress, int ReadCount, Memory<ushort> Destination, ushort WriteAddress, ReadOnlyMemory<ushort> Values) : IExchange
    {
        public void CheckArguments() => CheckDestination(ReadCount, Destination.Length, ModbusLimits.MaxReadWriteReadRegisters, "destination");

        public int Encode(Span<byte> request) => ModbusRequestEncoder.ReadWriteMultipleRegisters(request, ReadAddress, ReadCount, WriteAddress, Values.Span);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) =>
            ModbusResponseDecoder.ReadRegisters(response, ModbusFunctionCode.ReadWriteMultipleRegisters, ReadCount, Destination.Span);
    }

    private readonly record struct ReadBits(ModbusFunctionCode Function, ushort Address, int Count, Memory<bool> Destination) : IExchange
    {
        public void CheckArguments() => CheckDestination(Count, Destination.Length, ModbusLimits.MaxReadBits, "destination");

        public int Encode(Span<byte> request) => ModbusRequestEncoder.Read(request, Function, Address, Count);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request) => ModbusResponseDecoder.ReadBits(response, Function, Count, Destination.Span);
    }

    /// <summary>FC3/FC4 into words, or (when <paramref name="Words"/> is empty) into big-endian byte pairs.</summary>
    private readonly record struct ReadRegisters(ModbusFunctionCode Function, ushort Address, int Count, Memory<ushort> Words, Memory<byte> Bytes) : IExchange
    {
        public void CheckArguments()
        {
            var asBytes = Words.IsEmpty;
            CheckDestination(Count, asBytes ? Bytes.Length / 2 : Words.Length, ModbusLimits.MaxReadRegisters, asBytes ? "destination (bytes / 2)" : "destination");
        }

        public int Encode(Span<byte> request) => ModbusRequestEncoder.Read(request, Function, Address, Count);

        public void Decode(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request)
        {
            if (Words.IsEmpty)
            {
                ModbusResponseDecoder.ReadRegisters(response, Function, Count, Bytes.Span);
            }
            else
            {
                ModbusResponseDecoder.ReadRegisters(response, Function, Count, Words.Span);
            }
        }
    }
}
