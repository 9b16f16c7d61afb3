using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>Collects the bodies of the chunks of one received message, bounded by the chunk count and message size limits.</summary>
internal sealed class MessageAssembly
{
    private readonly List<byte[]> _parts = [];
    private int _length;

    public int ChunkCount => _parts.Count;

    /// <summary>Adds one chunk's body; throws when the message would exceed the limits.</summary>
    public void Add(ReadOnlySpan<byte> body, OpcUaLimits limits)
    {
        if (_parts.Count + 1 > limits.MaxChunkCount)
        {
            throw new OpcUaException(StatusCodes.BadResponseTooLarge, $"Response of more than {limits.MaxChunkCount} chunks exceeds MaxChunkCount.");
        }

        if ((long)_length + body.Length > limits.MaxMessageSize)
        {
            throw new OpcUaException(StatusCodes.BadResponseTooLarge, $"Response of more than {limits.MaxMessageSize} bytes exceeds MaxMessageSize.");
        }

        _parts.Add(body.ToArray());
        _length += body.Length;
    }

    /// <summary>Concatenates the bodies.</summary>
    public byte[] ToArray()
    {
        var result = new byte[_length];
        var offset = 0;
        foreach (var part in _parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
