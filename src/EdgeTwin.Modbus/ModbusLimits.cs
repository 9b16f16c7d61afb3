namespace EdgeTwin.Modbus;

/// <summary>
/// Every size limit of the protocol, in one place (Modbus Application Protocol V1.1b3 §4.1 and §6, Modbus over
/// serial line V1.02 §2.5.1, Modbus Messaging on TCP/IP V1.0b §3.1.3). Decoders check every length from the wire
/// against these.
/// </summary>
public static class ModbusLimits
{
    /// <summary>Largest PDU (function code + data): 256-byte serial ADU minus address and CRC.</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest Modbus TCP ADU: 7-byte MBAP header + PDU.</summary>
    public const int MaxTcpAduLength = 260;

    /// <summary>Largest RTU ADU: address + PDU + CRC.</summary>
    public const int MaxRtuAduLength = 256;

    /// <summary>Smallest RTU ADU: address + exception PDU (2 bytes) + CRC.</summary>
    public const int MinRtuAduLength = 5;

    /// <summary>Length of the MBAP header (transaction, protocol, length, unit).</summary>
    public const int MbapHeaderLength = 7;

    /// <summary>Largest value of the MBAP length field (unit id + PDU).</summary>
    public const int MaxMbapLength = MaxPduLength + 1;

    /// <summary>Smallest value of the MBAP length field (unit id + function code).</summary>
    public const int MinMbapLength = 2;

    /// <summary>Most registers one FC3/FC4 read returns (§6.3, §6.4).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>Most registers one FC16 write carries (§6.12).</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>Most bits one FC1/FC2 read returns (§6.1, §6.2).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>Most coils one FC15 write carries (§6.11).</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>Most registers the read part of FC23 returns (§6.17).</summary>
    public const int MaxReadWriteReadRegisters = 125;

    /// <summary>Most registers the write part of FC23 carries (§6.17).</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>Highest individually addressable serial unit (248..255 are reserved; 0 is broadcast).</summary>
    public const byte MaxUnitId = 247;

    /// <summary>Number of addresses in each data table.</summary>
    public const int AddressSpace = 65536;
}
