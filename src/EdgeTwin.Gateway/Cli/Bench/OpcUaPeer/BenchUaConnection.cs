using System.Buffers.Binary;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.SecureChannel;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>
/// One client connection of the bench peer: Hello/Acknowledge, OpenSecureChannel (issue and renew, security None
/// only), multi-chunk requests handed to the <see cref="BenchUaServer"/>, and responses split into chunks within the
/// client's receive buffer. Chunks are built and opened with the client library's <see cref="ChunkCodec"/>.
/// </summary>
internal sealed class BenchUaConnection
{
    /// <summary>The peer's own buffer size (receive and send).</summary>
    public const int BufferSize = 65536;

    private readonly UaTcpConnection _connection;
    private readonly BenchUaServer _server;
    private readonly ChannelCrypto _crypto = new(SecurityPolicy.None, MessageSecurityMode.None, null, null);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly BinaryEncoder _encoder = new(OpcUaLimits.Default, BufferSize);
    private readonly Dictionary<uint, MessageAssembly> _assemblies = [];
    private readonly List<SecurityToken> _issued = [];
    private readonly uint _channelId;
    private SecurityToken? _sending;
    private uint _lastTokenId;
    private uint _sequence;
    private int _receiveChunkSize = BufferSize;
    private int _sendChunkSize = BufferSize;
    private long _maxMessageSize;

    /// <summary>Wraps an accepted stream; <see cref="RunAsync"/> serves it until it closes.</summary>
    public BenchUaConnection(Stream stream, BenchUaServer server, uint channelId)
    {
        _connection = new UaTcpConnection(stream);
        _server = server;
        _channelId = channelId;
    }

    /// <summary>
    /// The largest response body the client takes: its MaxMessageSize and MaxChunkCount from the Hello, and
    /// <paramref name="sessionLimit"/> (its MaxResponseMessageSize of CreateSession; 0: none).
    /// </summary>
    public long MaxResponseSize(uint sessionLimit) => Math.Min(_maxMessageSize, sessionLimit == 0 ? long.MaxValue : sessionLimit);

    /// <summary>Serves the connection until the client closes it, it fails, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await HelloAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                using var chunk = await _connection.ReadChunkAsync(_receiveChunkSize, cancellationToken).ConfigureAwait(false);
                switch (chunk.Header.MessageType)
                {
                    case UaTcpMessageType.OpenSecureChannel:
                        await OpenAsync(chunk, cancellationToken).ConfigureAwait(false);
                        break;
                    case UaTcpMessageType.CloseSecureChannel:
                        return;
                    case UaTcpMessageType.Message:
                        await ReceiveAsync(chunk, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Unexpected {chunk.Header.MessageType} message on an open channel.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OpcUaException exception)
        {
            if (exception.StatusCode.CodeWithoutInfoBits != StatusCodes.BadConnectionClosed)
            {
                _server.Report($"channel {_channelId}: {exception.Message}");
                await TrySendErrorAsync(exception).ConfigureAwait(false);
            }
        }
        finally
        {
            _server.OnClosed(this);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends a response to request <paramref name="requestId"/>, in as many chunks as the client's buffer needs.</summary>
    public async Task SendAsync(uint requestId, IEncodeable response, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _encoder.Reset();
            _encoder.WriteNodeId(response.BinaryEncodingId);
            response.Encode(_encoder);
            var body = _encoder.WrittenMemory;
            var token = Volatile.Read(ref _sending) ?? throw new OpcUaException(StatusCodes.BadSecureChannelClosed, "No secure channel is open.");
            var maxBody = ChunkCodec.MaxSymmetricBodySize(_crypto, _sendChunkSize);
            var offset = 0;
            do
            {
                var length = Math.Min(maxBody, body.Length - offset);
                var chunkType = offset + length >= body.Length ? UaTcpChunkHeader.Final : UaTcpChunkHeader.Intermediate;
                var chunk = ChunkCodec.EncodeSymmetric(_crypto, token, UaTcpMessageType.Message, chunkType, NextSequence(), requestId, body.Span.Slice(offset, length));
                await _connection.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                offset += length;
            }
            while (offset < body.Length);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        AcknowledgeMessage ack;
        using (var chunk = await _connection.ReadChunkAsync(BufferSize, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Header.MessageType != UaTcpMessageType.Hello)
            {
                throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Expected Hello, got {chunk.Header.MessageType}.");
            }

            var hello = HelloMessage.Decode(new BinaryDecoder(chunk.Memory[UaTcpChunkHeader.Length..]));
            if (hello.ReceiveBufferSize < 8192 || hello.SendBufferSize < 8192)
            {
                throw new OpcUaException(StatusCodes.BadTcpInternalError, $"The client's buffer sizes ({hello.ReceiveBufferSize}/{hello.SendBufferSize}) are below the 8192-byte minimum.");
            }

            _receiveChunkSize = (int)Math.Min(hello.SendBufferSize, BufferSize);
            _sendChunkSize = (int)Math.Min(hello.ReceiveBufferSize, BufferSize);
            var maxBody = ChunkCodec.MaxSymmetricBodySize(_crypto, _sendChunkSize);
            _maxMessageSize = Math.Min(
                hello.MaxMessageSize == 0 ? long.MaxValue : hello.MaxMessageSize,
                hello.MaxChunkCount == 0 ? long.MaxValue : (long)hello.MaxChunkCount * maxBody);
            ack = new AcknowledgeMessage(0, (uint)_receiveChunkSize, (uint)_sendChunkSize, (uint)OpcUaLimits.Default.MaxMessageSize, (uint)OpcUaLimits.Default.MaxChunkCount);
        }

        var encoder = new BinaryEncoder();
        encoder.WriteRaw(stackalloc byte[UaTcpChunkHeader.Length]);
        ack.Encode(encoder);
        var bytes = encoder.ToArray();
        new UaTcpChunkHeader(UaTcpMessageType.Acknowledge, UaTcpChunkHeader.Final, bytes.Length).Write(bytes);
        await _connection.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenAsync(UaTcpChunk chunk, CancellationToken cancellationToken)
    {
        var bytes = chunk.Memory.ToArray();
        var opened = ChunkCodec.DecodeAsymmetric(_crypto, bytes, OpcUaLimits.Default);
        var decoder = new BinaryDecoder(bytes.AsMemory(opened.BodyOffset, opened.BodyLength));
        var typeId = decoder.ReadNodeId();
        if (typeId != OpenSecureChannelRequest.EncodingId)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"An OpenSecureChannel chunk holds {typeId}.");
        }

        var request = OpenSecureChannelRequest.Decode(decoder);
        if (request.SecurityMode != MessageSecurityMode.None)
        {
            throw new OpcUaException(StatusCodes.BadSecurityModeRejected, $"The bench peer offers security mode None only, not {request.SecurityMode}.");
        }

        var lifetime = Math.Clamp(request.RequestedLifetime, 60_000u, 3_600_000u);
        var now = DateTime.UtcNow;
        var token = new SecurityToken(_channelId, ++_lastTokenId, now, TimeSpan.FromMilliseconds(lifetime), SecurityPolicy.None.DeriveKeys([], []));
        var response = new OpenSecureChannelResponse
        {
            ResponseHeader = new ResponseHeader { Timestamp = now, RequestHandle = request.RequestHeader.RequestHandle },
            SecurityToken = new ChannelSecurityToken { ChannelId = _channelId, TokenId = token.TokenId, CreatedAt = now, RevisedLifetime = lifetime },
            ServerNonce = [],
        };

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _encoder.Reset();
            _encoder.WriteNodeId(response.BinaryEncodingId);
            response.Encode(_encoder);
            var answer = ChunkCodec.EncodeAsymmetric(_crypto, _channelId, NextSequence(), opened.RequestId, _encoder.WrittenSpan, OpcUaLimits.Default);
            _issued.Add(token);
            if (_sending is null)
            {
                Volatile.Write(ref _sending, token);
            }

            await _connection.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveAsync(UaTcpChunk chunk, CancellationToken cancellationToken)
    {
        var span = chunk.Memory.Span;
        if (span.Length < ChunkCodec.MessageHeaderLength + 4)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, "Symmetric chunk too short.");
        }

        var channelId = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        if (channelId != _channelId)
        {
            throw new OpcUaException(StatusCodes.BadSecureChannelIdInvalid, $"Chunk for secure channel {channelId}, expected {_channelId}.");
        }

        var tokenId = ChunkCodec.ReadTokenId(span);
        var token = _issued.Find(t => t.TokenId == tokenId)
            ?? throw new OpcUaException(StatusCodes.BadSecureChannelTokenUnknown, $"The client used unknown security token {tokenId}.");
        if (token != _sending)
        {
            // OPC 10000-4 §5.5.2: the server switches to a renewed token once the client uses it.
            Volatile.Write(ref _sending, token);
            _issued.RemoveAll(t => t.TokenId < tokenId);
        }

        var opened = ChunkCodec.DecodeSymmetric(_crypto, token, span);
        var body = chunk.Memory.Slice(opened.BodyOffset, opened.BodyLength);
        _assemblies.TryGetValue(opened.RequestId, out var assembly);
        switch (chunk.Header.ChunkType)
        {
            case UaTcpChunkHeader.Intermediate:
                assembly ??= _assemblies[opened.RequestId] = new MessageAssembly([]);
                assembly.Add(body.Span, OpcUaLimits.Default);
                return;
            case UaTcpChunkHeader.Abort:
                if (assembly is not null)
                {
                    _assemblies.Remove(opened.RequestId);
                    MessageAssembly.ReturnBuffer(assembly.Release());
                }

                return;
        }

        ReadOnlyMemory<byte> message = body;
        if (assembly is not null)
        {
            _assemblies.Remove(opened.RequestId);
            assembly.Add(body.Span, OpcUaLimits.Default);
            message = assembly.Message.ToArray();
            MessageAssembly.ReturnBuffer(assembly.Release());
        }

        await _server.HandleAsync(this, opened.RequestId, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task TrySendErrorAsync(OpcUaException exception)
    {
        try
        {
            var encoder = new BinaryEncoder();
            encoder.WriteRaw(stackalloc byte[UaTcpChunkHeader.Length]);
            new ErrorMessage(exception.StatusCode, exception.Message).Encode(encoder);
            var bytes = encoder.ToArray();
            new UaTcpChunkHeader(UaTcpMessageType.Error, UaTcpChunkHeader.Final, bytes.Length).Write(bytes);
            await _connection.WriteAsync(bytes).ConfigureAwait(false);
        }
        catch (OpcUaException)
        {
            // The client is gone already.
        }
    }

    private uint NextSequence()
    {
        // OPC 10000-6 §6.7.2.4: wrap after UInt32.MaxValue - 1024 to a number below 1024.
        _sequence = _sequence >= uint.MaxValue - 1024 ? 1 : _sequence + 1;
        return _sequence;
    }
}
