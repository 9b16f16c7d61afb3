using System.Buffers;
using System.Net.Sockets;

namespace EdgeTwin.OpcUa.Transport;

/// <summary>
/// Moves UA TCP chunks over a connected stream. This is the only layer that sees raw I/O exceptions: it
/// translates them to <see cref="OpcUaException"/> (BadConnectionClosed, BadCommunicationError).
/// </summary>
public sealed class UaTcpConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[UaTcpChunkHeader.Length];
    private int _disposed;

    /// <summary>Wraps a connected stream; the connection owns and disposes it.</summary>
    public UaTcpConnection(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    }

    /// <summary>Reads one whole chunk, rejecting chunks larger than <paramref name="maxChunkSize"/> before reading their body.</summary>
    public async ValueTask<UaTcpChunk> ReadChunkAsync(int maxChunkSize, CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
            UaTcpChunkHeader.TryRead(_header, maxChunkSize, out var header);
            var buffer = ArrayPool<byte>.Shared.Rent(header.Size);
            var chunk = new UaTcpChunk(header, buffer);
            try
            {
                _header.CopyTo(buffer, 0);
                await _stream.ReadExactlyAsync(buffer.AsMemory(UaTcpChunkHeader.Length, header.Size - UaTcpChunkHeader.Length), cancellationToken).ConfigureAwait(false);
                return chunk;
            }
            catch
            {
                chunk.Dispose();
                throw;
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Writes bytes (one or more whole chunks).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Flushes buffered writes.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private OpcUaException? Translate(Exception exception) => exception switch
    {
        EndOfStreamException => new OpcUaException(StatusCodes.BadConnectionClosed, "The server closed the connection.", exception),
        ObjectDisposedException when Volatile.Read(ref _disposed) == 1 => new OpcUaException(StatusCodes.BadConnectionClosed, "The connection was closed.", exception),
        IOException { InnerException: SocketException socket } => new OpcUaException(StatusCodes.BadConnectionClosed, $"Connection lost: {socket.SocketErrorCode}.", exception),
        IOException => new OpcUaException(StatusCodes.BadConnectionClosed, $"Connection lost: {exception.Message}", exception),
        SocketException socket => new OpcUaException(StatusCodes.BadCommunicationError, $"Socket error {socket.SocketErrorCode}.", exception),
        _ => null,
    };
}
