namespace EdgeTwin.Modbus.Client;

/// <summary>How frames are delimited on a transport.</summary>
public enum ModbusFrameFormat
{
    /// <summary>Modbus TCP: MBAP header with transaction id and length.</summary>
    Mbap,

    /// <summary>RTU: address, PDU, CRC-16 (on a serial line, or tunnelled over TCP by serial gateways).</summary>
    Rtu,
}
