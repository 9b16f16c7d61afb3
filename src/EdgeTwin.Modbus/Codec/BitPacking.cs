namespace EdgeTwin.Modbus.Codec;

/// <summary>Packs bits the Modbus way: the first bit in the least significant bit of the first byte, padding zero (§6.1).</summary>
public static class BitPacking
{
    /// <summary>Bytes needed for <paramref name="bits"/> bits.</summary>
    public static int ByteCount(int bits) => (bits + 7) >> 3;

    /// <summary>Packs <paramref name="bits"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Pack(ReadOnlySpan<bool> bits, Span<byte> destination)
    {
        var count = ByteCount(bits.Length);
        if (destination.Length < count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {count} are needed.", nameof(destination));
        }

        destination[..count].Clear();
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                destination[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return count;
    }

    /// <summary>Unpacks the first <paramref name="destination"/>.Length bits of <paramref name="packed"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, Span<bool> destination)
    {
        if (packed.Length < ByteCount(destination.Length))
        {
            throw new ArgumentException($"{packed.Length} bytes hold fewer than {destination.Length} bits.", nameof(packed));
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (packed[i >> 3] & (1 << (i & 7))) != 0;
        }
    }
}
