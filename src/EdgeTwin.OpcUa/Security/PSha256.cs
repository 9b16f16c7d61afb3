using System.Security.Cryptography;

namespace EdgeTwin.OpcUa.Security;

/// <summary>The P_SHA256 pseudo-random function of RFC 5246 §5, used to derive channel keys (OPC 10000-6 §6.7.5).</summary>
public static class PSha256
{
    /// <summary>Produces <paramref name="length"/> bytes: HMAC(secret, A(1) + seed) | HMAC(secret, A(2) + seed) | … with A(i) = HMAC(secret, A(i-1)), A(0) = seed.</summary>
    public static byte[] Derive(byte[] secret, byte[] seed, int length)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        var output = new byte[length];
        var a = HMACSHA256.HashData(secret, seed);
        var input = new byte[a.Length + seed.Length];
        var offset = 0;
        while (offset < length)
        {
            a.CopyTo(input, 0);
            seed.CopyTo(input, a.Length);
            var block = HMACSHA256.HashData(secret, input);
            var count = Math.Min(block.Length, length - offset);
            block.AsSpan(0, count).CopyTo(output.AsSpan(offset));
            offset += count;
            a = HMACSHA256.HashData(secret, a);
        }

        return output;
    }
}
