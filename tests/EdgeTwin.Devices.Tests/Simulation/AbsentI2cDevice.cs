namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>An address where nothing is connected: every transfer NACKs.</summary>
public sealed class AbsentI2cDevice : SimulatedI2cDevice
{
    public AbsentI2cDevice(int address, int busId = 1)
        : base(address, busId)
    {
        Nack = true;
    }

    protected override void OnWrite(ReadOnlySpan<byte> buffer) => throw NackException();

    protected override void OnRead(Span<byte> buffer) => throw NackException();
}
