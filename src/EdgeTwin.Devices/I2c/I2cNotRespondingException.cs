namespace EdgeTwin.Devices.I2c;

/// <summary>
/// The device did not acknowledge (NACK) or the bus transfer failed: the device is missing, unpowered, wired to
/// another address, or the bus is stuck. The Linux i2c-dev driver reports this as an <see cref="IOException"/>,
/// which is kept as <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class I2cNotRespondingException : I2cDeviceException
{
    /// <summary>Creates the exception.</summary>
    public I2cNotRespondingException(int busId, int address, int? register, Exception? innerException = null)
        : base(busId, address, register, "device did not respond (NACK or bus error)", innerException)
    {
    }
}
