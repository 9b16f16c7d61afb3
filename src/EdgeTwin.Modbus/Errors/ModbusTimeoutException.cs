namespace EdgeTwin.Modbus.Errors;

/// <summary>No (valid) response arrived within the request timeout.</summary>
public sealed class ModbusTimeoutException : ModbusFaultException
{
    /// <summary>Creates the exception.</summary>
    public ModbusTimeoutException(string message)
        : base(message)
    {
    }
}
