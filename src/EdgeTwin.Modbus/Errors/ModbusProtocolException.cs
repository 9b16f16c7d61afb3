namespace EdgeTwin.Modbus.Errors;

/// <summary>Bytes on the wire violate the protocol (bad header, length, CRC, or a response that does not fit the request).</summary>
public sealed class ModbusProtocolException : ModbusFaultException
{
    /// <summary>Creates the exception.</summary>
    public ModbusProtocolException(string message)
        : base(message)
    {
    }
}
