using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Tests.Encoding;

internal static class CodecHelpers
{
    public static byte[] Encode(Action<BinaryEncoder> write, OpcUaLimits? limits = null)
    {
        var encoder = new BinaryEncoder(limits);
        write(encoder);
        return encoder.ToArray();
    }

    public static T RoundTrip<T>(Action<BinaryEncoder> write, Func<BinaryDecoder, T> read)
    {
        var bytes = Encode(write);
        var decoder = new BinaryDecoder(bytes);
        var value = read(decoder);
        decoder.EnsureFullyConsumed(typeof(T).Name);
        return value;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));
}
