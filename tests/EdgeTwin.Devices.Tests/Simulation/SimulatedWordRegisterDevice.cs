namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// A chip with 16-bit registers sent MSB first and no auto-increment, as TI's ADS1115 and INA219: a write of one
/// byte sets the pointer, a write of three bytes sets the pointer and writes the register, reads return the
/// pointed register (repeatedly). A pointer beyond the map, or a write of another length, NACKs.
/// </summary>
public class SimulatedWordRegisterDevice(int address, int registerCount, int busId = 1) : SimulatedI2cDevice(address, busId)
{
    public ushort[] Registers { get; } = new ushort[registerCount];

    public byte Pointer { get; private set; }

    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length is not (1 or 3) || buffer[0] >= Registers.Length)
        {
            throw NackException();
        }

        Pointer = buffer[0];
        if (buffer.Length == 3)
        {
            WriteRegister(Pointer, (ushort)((buffer[1] << 8) | buffer[2]));
        }
    }

    protected override void OnRead(Span<byte> buffer)
    {
        ushort value = ReadRegister(Pointer);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = i % 2 == 0 ? (byte)(value >> 8) : (byte)value;
        }
    }

    protected virtual void WriteRegister(byte register, ushort value) => Registers[register] = value;

    protected virtual ushort ReadRegister(byte register) => Registers[register];
}
