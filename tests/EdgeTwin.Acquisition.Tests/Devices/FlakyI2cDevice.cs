using System.Device.I2c;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Acquisition.Tests.Devices;

/// <summary>Wraps a simulated chip and NACKs the next <see cref="FailNext"/> transfers (a glitch on the bus).</summary>
internal sealed class FlakyI2cDevice(I2cDevice inner) : I2cDevice
{
    private int _failNext;

    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;

    public override void Read(Span<byte> buffer)
    {
        Glitch();
        inner.Read(buffer);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Glitch();
        inner.Write(buffer);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Glitch();
        inner.WriteRead(writeBuffer, readBuffer);
    }

    private void Glitch()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failNext);
            if (left <= 0)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _failNext, left - 1, left) != left);

        throw SimulatedI2cDevice.NackException();
    }
}
