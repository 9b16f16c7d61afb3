using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeTwin.Devices.I2c;

/// <summary>Reads <see cref="I2cRegisterPoint"/>s from any register-mapped I2C device.</summary>
public sealed class I2cRegisterReader
{
    private readonly I2cRegisterIo _io;

    /// <summary>Creates a reader on a device the caller owns.</summary>
    public I2cRegisterReader(I2cDevice device)
    {
        _io = new I2cRegisterIo(device);
    }

    /// <summary>Reads and decodes one point.</summary>
    /// <exception cref="ArgumentException">The point is inconsistent.</exception>
    /// <exception cref="I2cNotRespondingException">The device did not acknowledge.</exception>
    public double Read(I2cRegisterPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        point.Validate();
        Span<byte> buffer = stackalloc byte[4];
        buffer = buffer[..point.Length];
        _io.Read(point.Register, buffer);
        return Decode(buffer, point);
    }

    /// <summary>Decodes raw register bytes as described by <paramref name="point"/>.</summary>
    public static double Decode(ReadOnlySpan<byte> bytes, I2cRegisterPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        point.Validate();
        if (bytes.Length != point.Length)
        {
            throw new ArgumentException(
                $"Register point 0x{point.Register:X2}: got {bytes.Length} bytes, expected {point.Length}.", nameof(bytes));
        }

        if (point.Length == 1)
        {
            return point.DataType == I2cDataType.Int8 ? (sbyte)bytes[0] : bytes[0];
        }

        // Normalise to big-endian: swap bytes inside each word, then swap the words of 32-bit values.
        Span<byte> be = stackalloc byte[point.Length];
        bytes.CopyTo(be);
        if (point.ByteOrder == I2cByteOrder.LittleEndian)
        {
            for (int i = 0; i < be.Length; i += 2)
            {
                (be[i], be[i + 1]) = (be[i + 1], be[i]);
            }
        }

        if (point.Length == 4 && point.WordOrder == I2cWordOrder.LowWordFirst)
        {
            (be[0], be[1], be[2], be[3]) = (be[2], be[3], be[0], be[1]);
        }

        // Each arm is cast to double: without it the arms unify to float and 32-bit integers lose precision.
        return point.DataType switch
        {
            I2cDataType.UInt16 => (double)BinaryPrimitives.ReadUInt16BigEndian(be),
            I2cDataType.Int16 => (double)BinaryPrimitives.ReadInt16BigEndian(be),
            I2cDataType.UInt32 => (double)BinaryPrimitives.ReadUInt32BigEndian(be),
            I2cDataType.Int32 => (double)BinaryPrimitives.ReadInt32BigEndian(be),
            I2cDataType.Float32 => (double)BinaryPrimitives.ReadSingleBigEndian(be),
            _ => throw new ArgumentOutOfRangeException(nameof(point), point.DataType, "Unknown I2C data type."),
        };
    }
}
