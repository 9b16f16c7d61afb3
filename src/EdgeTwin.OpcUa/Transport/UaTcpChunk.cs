using System.Buffers;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>One received chunk in a pooled buffer; dispose to return the buffer.</summary>
public sealed class UaTcpChunk : IDisposable
{
    private byte[]? _buffer;

    internal UaTcpChunk(UaTcpChunkHeader header, byte[] buffer)
    {
        Header = header;
        _buffer = buffer;
    }

    /// <summary>The chunk header.</summary>
    public UaTcpChunkHeader Header { get; }

    /// <summary>The whole chunk, header included.</summary>
    public Memory<byte> Memory => _buffer is null ? throw new ObjectDisposedException(nameof(UaTcpChunk)) : _buffer.AsMemory(0, Header.Size);

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
