namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// A chip with 256 8-bit registers: the first written byte sets the register pointer, following written bytes go
/// to consecutive registers, and reads return consecutive registers from the pointer (auto-increment), as Bosch
/// sensors do.
/// </summary>
public class SimulatedRegisterDevice(int address, int busId = 1) : SimulatedI2cDevice(address, busId)
{
    public byte[] Registers { get; } = new byte[256];

    public byte Pointer { get; private set; }

    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        Pointer = buffer[0];
        foreach (byte b in buffer[1..])
        {
            WriteRegister(Pointer, b);
            Pointer++;
        }
    }

    protected override void OnRead(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadRegister(Pointer);
            Pointer++;
        }
    }

    protected virtual void WriteRegister(byte register, byte value) => Registers[register] = value;

    protected virtual byte ReadRegister(byte register) => Registers[register];
}
