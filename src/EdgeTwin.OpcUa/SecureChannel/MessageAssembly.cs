using System.Buffers;
using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>
/// Collects the bodies of the chunks of one received message in one buffer, bounded by the chunk count and message
/// size limits. It starts in a buffer handed over by the channel (reused from the previous message) and grows from
/// <see cref="ArrayPool{T}.Shared"/>; <see cref="Release"/> hands the buffer back, so <see cref="Message"/> is valid until then.
/// </summary>
internal sealed class MessageAssembly
{
    private byte[] _buffer;
    private int _length;
    private int _chunkCount;

    /// <summary>Starts an assembly in <paramref name="buffer"/> (empty, or from an earlier <see cref="Release"/>).</summary>
    public MessageAssembly(byte[] buffer)
    {
        _buffer = buffer;
    }

    /// <summary>The bodies added so far, in order.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    /// <summary>Adds one chunk's body; throws when the message would exceed the limits.</summary>
    public void Add(ReadOnlySpan<byte> body, OpcUaLimits limits)
    {
        if (_chunkCount + 1 > limits.MaxChunkCount)
        {
            throw new OpcUaException(StatusCodes.BadResponseTooLarge, $"Response of more than {limits.MaxChunkCount} chunks exceeds MaxChunkCount.");
        }

        if ((long)_length + body.Length > limits.MaxMessageSize)
        {
            throw new OpcUaException(StatusCodes.BadResponseTooLarge, $"Response of more than {limits.MaxMessageSize} bytes exceeds MaxMessageSize.");
        }

        if (_length + body.Length > _buffer.Length)
        {
            // Chunks of one message usually have the same size: room for four more avoids most regrowth.
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_length + body.Length, Math.Min(_length + (4 * body.Length), limits.MaxMessageSize)));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            ReturnBuffer(_buffer);
            _buffer = grown;
        }

        body.CopyTo(_buffer.AsSpan(_length));
        _length += body.Length;
        _chunkCount++;
    }

    /// <summary>Ends the assembly and hands back its buffer for the next one (or for <see cref="ArrayPool{T}.Shared"/>).</summary>
    public byte[] Release()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        _chunkCount = 0;
        return buffer;
    }

    /// <summary>Returns a buffer this class may have rented to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
