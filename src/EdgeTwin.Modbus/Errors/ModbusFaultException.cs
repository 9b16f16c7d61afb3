namespace EdgeTwin.Modbus.Errors;

/// <summary>
/// Base of the Modbus exception family: <see cref="ModbusException"/> (the device answered with an exception
/// response), <see cref="ModbusProtocolException"/> (malformed bytes), <see cref="ModbusTransportException"/>
/// (the connection failed) and <see cref="ModbusTimeoutException"/> (no answer in time).
/// </summary>
public abstract class ModbusFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModbusFaultException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
