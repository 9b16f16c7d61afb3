using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeTwin.Devices.I2c;

/// <summary>
/// Register and command access on one <see cref="I2cDevice"/>. This is the adapter of the drivers: the only place
/// that catches the raw <see cref="IOException"/> of the bus and translates it into
/// <see cref="I2cNotRespondingException"/> naming bus, address and register.
/// </summary>
internal sealed class I2cRegisterIo
{
    /// <summary>Longest single transfer the drivers do (the SMBus block limit).</summary>
    public const int MaxTransferLength = 32;

    private readonly I2cDevice _device;

    public I2cRegisterIo(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        I2cConnectionSettings? settings = device.ConnectionSettings;
        BusId = settings?.BusId ?? -1;
        Address = settings?.DeviceAddress ?? -1;
    }

    public int BusId { get; }

    public int Address { get; }

    public I2cDevice Device => _device;

    /// <summary>Reads <paramref name="buffer"/>.Length bytes starting at an 8-bit register (pointer write, repeated start, read).</summary>
    public void Read(byte register, Span<byte> buffer)
    {
        CheckLength(buffer.Length);
        ReadOnlySpan<byte> pointer = [register];
        try
        {
            _device.WriteRead(pointer, buffer);
        }
        catch (IOException ex)
        {
            throw new I2cNotRespondingException(BusId, Address, register, ex);
        }
    }

    public byte ReadByte(byte register)
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(register, buffer);
        return buffer[0];
    }

    /// <summary>Reads a 16-bit register sent most significant byte first (TI ADS1115, INA219).</summary>
    public ushort ReadUInt16BigEndian(byte register)
    {
        Span<byte> buffer = stackalloc byte[2];
        Read(register, buffer);
        return BinaryPrimitives.ReadUInt16BigEndian(buffer);
    }

    public void WriteByte(byte register, byte value)
    {
        ReadOnlySpan<byte> frame = [register, value];
        Write(frame, register);
    }

    /// <summary>Writes a 16-bit register most significant byte first.</summary>
    public void WriteUInt16BigEndian(byte register, ushort value)
    {
        ReadOnlySpan<byte> frame = [register, (byte)(value >> 8), (byte)value];
        Write(frame, register);
    }

    /// <summary>Writes raw bytes (a command, or a pointer followed by data); <paramref name="what"/> names it in errors.</summary>
    public void Write(ReadOnlySpan<byte> frame, int what)
    {
        CheckLength(frame.Length);
        try
        {
            _device.Write(frame);
        }
        catch (IOException ex)
        {
            throw new I2cNotRespondingException(BusId, Address, what, ex);
        }
    }

    /// <summary>Reads raw bytes without a pointer write (command-based chips); <paramref name="what"/> names the command in errors.</summary>
    public void ReadRaw(Span<byte> buffer, int what)
    {
        CheckLength(buffer.Length);
        try
        {
            _device.Read(buffer);
        }
        catch (IOException ex)
        {
            throw new I2cNotRespondingException(BusId, Address, what, ex);
        }
    }

    /// <summary>Tries a raw read; <see langword="false"/> on NACK (a command-based chip still measuring).</summary>
    public bool TryReadRaw(Span<byte> buffer)
    {
        CheckLength(buffer.Length);
        try
        {
            _device.Read(buffer);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void CheckLength(int length)
    {
        if (length is < 1 or > MaxTransferLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"I2C transfer length must be 1..{MaxTransferLength} bytes.");
        }
    }
}
