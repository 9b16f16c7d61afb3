namespace EdgeTwin.Acquisition.Modbus;

/// <summary>A write was refused before it reached the device (read-only table, type range) or failed read-back verification.</summary>
public sealed class ModbusWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModbusWriteException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
