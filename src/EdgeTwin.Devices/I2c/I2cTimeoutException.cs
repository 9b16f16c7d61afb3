namespace EdgeTwin.Devices.I2c;

/// <summary>
/// The device stayed busy: a measuring/conversion bit did not clear, or a measurement was not ready, within the
/// datasheet's maximum time plus margin.
/// </summary>
public sealed class I2cTimeoutException : I2cDeviceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="busId">The I2C bus number.</param>
    /// <param name="address">The 7-bit device address.</param>
    /// <param name="register">The status register or command that was polled.</param>
    /// <param name="timeout">How long the driver waited.</param>
    /// <param name="what">What the driver was waiting for.</param>
    public I2cTimeoutException(int busId, int address, int? register, TimeSpan timeout, string what)
        : base(busId, address, register, $"device still busy after {timeout.TotalMilliseconds:0.#} ms ({what})")
    {
        Timeout = timeout;
    }

    /// <summary>How long the driver waited before giving up.</summary>
    public TimeSpan Timeout { get; }
}
