using System.Device.I2c;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// Base of the simulated I2C devices. Every transfer can be made to fail the way the Linux i2c-dev driver fails
/// when a device does not acknowledge: an <see cref="IOException"/> (errno 121, EREMOTEIO).
/// </summary>
public abstract class SimulatedI2cDevice(int address, int busId = 1) : I2cDevice
{
    private readonly I2cConnectionSettings _settings = new(busId, address);

    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>When true every transfer NACKs (device unplugged).</summary>
    public bool Nack { get; set; }

    /// <summary>Number of write transfers, for assertions.</summary>
    public int WriteCount { get; private set; }

    /// <summary>Number of read transfers, for assertions.</summary>
    public int ReadCount { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfNack();
        WriteCount++;
        OnWrite(buffer);
    }

    public override void Read(Span<byte> buffer)
    {
        ThrowIfNack();
        ReadCount++;
        OnRead(buffer);
    }

    /// <summary>Combined transfer: pointer write, repeated start, read.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    public static IOException NackException() => new("Error 121 performing I2C data transfer.");

    protected abstract void OnWrite(ReadOnlySpan<byte> buffer);

    protected abstract void OnRead(Span<byte> buffer);

    private void ThrowIfNack()
    {
        if (Nack)
        {
            throw NackException();
        }
    }
}
