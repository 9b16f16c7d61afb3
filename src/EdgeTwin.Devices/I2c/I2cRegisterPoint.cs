namespace EdgeTwin.Devices.I2c;

/// <summary>
/// A generic register point for a chip without a dedicated driver: read <see cref="Length"/> bytes starting at
/// <see cref="Register"/> (auto-increment) and decode them as <see cref="DataType"/>.
/// </summary>
/// <param name="Register">First register (pointer byte written before the read).</param>
/// <param name="Length">Bytes to read; must equal the size of <paramref name="DataType"/>.</param>
/// <param name="DataType">How to decode the bytes.</param>
/// <param name="ByteOrder">Byte order inside each 16-bit word.</param>
/// <param name="WordOrder">Word order of 32-bit types.</param>
public sealed record I2cRegisterPoint(
    byte Register,
    int Length,
    I2cDataType DataType,
    I2cByteOrder ByteOrder = I2cByteOrder.BigEndian,
    I2cWordOrder WordOrder = I2cWordOrder.HighWordFirst)
{
    /// <summary>Size in bytes of a data type.</summary>
    public static int SizeOf(I2cDataType dataType) => dataType switch
    {
        I2cDataType.UInt8 or I2cDataType.Int8 => 1,
        I2cDataType.UInt16 or I2cDataType.Int16 => 2,
        I2cDataType.UInt32 or I2cDataType.Int32 or I2cDataType.Float32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Unknown I2C data type."),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when the point is inconsistent.</summary>
    public void Validate()
    {
        int size = SizeOf(DataType);
        if (Length != size)
        {
            throw new ArgumentException(
                $"Register point 0x{Register:X2}: length {Length} does not match {DataType} ({size} bytes).", nameof(Length));
        }

        if (Register + Length > 0x100)
        {
            throw new ArgumentException(
                $"Register point 0x{Register:X2}: {Length} bytes run past register 0xFF.", nameof(Length));
        }

        if (!Enum.IsDefined(ByteOrder))
        {
            throw new ArgumentException($"Register point 0x{Register:X2}: unknown byte order {ByteOrder}.", nameof(ByteOrder));
        }

        if (!Enum.IsDefined(WordOrder))
        {
            throw new ArgumentException($"Register point 0x{Register:X2}: unknown word order {WordOrder}.", nameof(WordOrder));
        }
    }
}
