using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Codec;

/// <summary>A decoded request PDU, as a server sees it. Views the request buffer; valid until the buffer is reused.</summary>
public readonly ref struct ModbusRequest
{
    /// <summary>Creates the request.</summary>
    public ModbusRequest(ModbusFunctionCode function, ushort address, int count, ushort writeAddress, int writeCount, ReadOnlySpan<byte> data)
    {
        Function = function;
        Address = address;
        Count = count;
        WriteAddress = writeAddress;
        WriteCount = writeCount;
        Data = data;
    }

    /// <summary>The function.</summary>
    public ModbusFunctionCode Function { get; }

    /// <summary>Starting address (of the read part for FC23).</summary>
    public ushort Address { get; }

    /// <summary>Quantity (of the read part for FC23); 1 for FC5/FC6.</summary>
    public int Count { get; }

    /// <summary>FC23: starting address of the write part; otherwise equal to <see cref="Address"/>.</summary>
    public ushort WriteAddress { get; }

    /// <summary>Quantity written (FC5, 6, 15, 16, 23); 0 for reads.</summary>
    public int WriteCount { get; }

    /// <summary>Values written: packed bits (FC15), big-endian registers (FC16, FC23), the 2-byte value (FC5, FC6).</summary>
    public ReadOnlySpan<byte> Data { get; }
}
