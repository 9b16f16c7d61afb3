namespace EdgeTwin.Modbus.Errors;

/// <summary>The connection (socket or serial port) failed; the next request reconnects.</summary>
public sealed class ModbusTransportException : ModbusFaultException
{
    /// <summary>Creates the exception, keeping the raw socket or I/O error as the inner exception.</summary>
    public ModbusTransportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
