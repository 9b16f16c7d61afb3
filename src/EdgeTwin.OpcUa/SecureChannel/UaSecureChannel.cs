using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>
/// A UA Secure Conversation channel over UA TCP (OPC 10000-6 §6.7, §7.1): Hello/Acknowledge, OpenSecureChannel
/// (issue, and renew at 75% of the token lifetime), chunked and secured requests matched to responses by request
/// id, per-request timeouts, and CloseSecureChannel. Any transport or security failure faults the channel: all
/// pending requests fail and <see cref="Closed"/> completes with the cause.
/// </summary>
public sealed partial class UaSecureChannel : IAsyncDisposable
{
    private readonly UaTcpConnection _connection;
    private readonly SecureChannelOptions _options;
    private readonly ChannelCrypto _crypto;
    private readonly OpcUaLimits _limits;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private const int MaxSpareAssemblyBuffer = 4 << 20;
    private readonly Dictionary<uint, MessageAssembly> _assemblies = [];
    private readonly HashSet<uint> _discarding = [];
    private readonly Lock _tokenLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<OpcUaException?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TransportLimits _transport;
    private SecurityToken? _currentToken;
    private SecurityToken? _previousToken;
    private uint _channelId;
    private uint _sendSequence;
    private uint? _lastReceivedSequence;
    private int _nextRequestId;
    private Task? _receiveLoop;
    private Task? _renewLoop;
    private int _closing;
    private byte[] _spareAssemblyBuffer = [];

    private UaSecureChannel(Stream stream, SecureChannelOptions options)
    {
        _options = options;
        _limits = options.Limits.Validate();
        _connection = new UaTcpConnection(stream);
        _crypto = new ChannelCrypto(options.Policy, options.Mode, options.ClientCertificate, options.ServerCertificate);
    }

    /// <summary>The secure channel id assigned by the server.</summary>
    public uint ChannelId => _channelId;

    /// <summary>The id of the token used for sending.</summary>
    public uint CurrentTokenId => _currentToken?.TokenId ?? 0;

    /// <summary>The lifetime the server granted to the current token.</summary>
    public TimeSpan TokenLifetime => _currentToken?.Lifetime ?? TimeSpan.Zero;

    /// <summary>The limits agreed in Hello/Acknowledge.</summary>
    public TransportLimits TransportLimits => _transport;

    /// <summary>The security policy of the channel.</summary>
    public SecurityPolicy Policy => _crypto.Policy;

    /// <summary>The security mode of the channel.</summary>
    public MessageSecurityMode Mode => _crypto.Mode;

    /// <summary>True until the channel is closed or faulted.</summary>
    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Completes when the channel closes: with null after <see cref="CloseAsync"/>, or with the fault that ended it.</summary>
    public Task<OpcUaException?> Closed => _closed.Task;

    /// <summary>Raised (on the receive loop) after a token renewal succeeded, with the new token id.</summary>
    public event Action<uint>? TokenRenewed;

    /// <summary>
    /// Performs Hello/Acknowledge and OpenSecureChannel on a connected stream. The channel owns the stream.
    /// </summary>
    public static async Task<UaSecureChannel> OpenAsync(Stream stream, SecureChannelOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        var channel = new UaSecureChannel(stream, options);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.OperationTimeout);
            try
            {
                await channel.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new OpcUaException(StatusCodes.BadTimeout, $"No Acknowledge from {options.EndpointUrl} within {options.OperationTimeout.TotalSeconds:0.#} s.");
            }

            channel._receiveLoop = channel.ReceiveLoopAsync();
            await channel.OpenTokenAsync(SecurityTokenRequestType.Issue, cancellationToken).ConfigureAwait(false);
            channel._renewLoop = channel.RenewLoopAsync();
            return channel;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends a request and waits for its response. Throws <see cref="OpcUaException"/> with the service result for a
    /// ServiceFault or a Bad service result, BadTimeout when no response arrives in time, and the channel's fault
    /// when the channel fails meanwhile.
    /// </summary>
    public async Task<TResponse> SendRequestAsync<TResponse>(IServiceRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IServiceResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        var wait = timeout ?? _options.OperationTimeout;
        var requestId = NextRequestId();
        var serviceName = request.GetType().Name.Replace("Request", string.Empty, StringComparison.Ordinal);
        request.RequestHeader = request.RequestHeader with
        {
            Timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime,
            RequestHandle = requestId,
            TimeoutHint = wait == Timeout.InfiniteTimeSpan ? 0 : (uint)Math.Min(wait.TotalMilliseconds, uint.MaxValue),
        };

        var body = EncodeBody(request);
        var pending = new PendingRequest(requestId, serviceName);
        _pending[requestId] = pending;
        try
        {
            ThrowIfClosed();
            if (Volatile.Read(ref _closing) == 1)
            {
                throw new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel is closing.");
            }

            await SendSymmetricAsync(UaTcpMessageType.Message, requestId, body, cancellationToken).ConfigureAwait(false);
            var response = await WaitAsync(pending, wait, cancellationToken).ConfigureAwait(false);
            return CheckResponse<TResponse>(response, serviceName);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    /// <summary>Sends CloseSecureChannel and closes the connection. Pending requests fail with BadSecureChannelClosed.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0 && _currentToken is not null && IsOpen)
        {
            try
            {
                var request = new CloseSecureChannelRequest
                {
                    RequestHeader = new RequestHeader { Timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime },
                };
                await SendSymmetricAsync(UaTcpMessageType.CloseSecureChannel, NextRequestId(), EncodeBody(request), cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException)
            {
                // The server may already be gone; closing proceeds regardless.
            }
        }

        await ShutdownAsync(null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
    }

    internal static TResponse CheckResponse<TResponse>(IEncodeable response, string serviceName)
        where TResponse : class, IServiceResponse
    {
        if (response is ServiceFault fault)
        {
            throw new OpcUaException(fault.ResponseHeader.ServiceResult, $"{serviceName} failed");
        }

        if (response is not TResponse typed)
        {
            throw new OpcUaException(StatusCodes.BadUnknownResponse, $"{serviceName} got a {response.GetType().Name} instead of a {typeof(TResponse).Name}.");
        }

        if (typed.ResponseHeader.ServiceResult.IsBad)
        {
            throw new OpcUaException(typed.ResponseHeader.ServiceResult, $"{serviceName} failed");
        }

        return typed;
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(_options.EndpointUrl) > HelloMessage.MaxEndpointUrlLength)
        {
            throw new OpcUaException(StatusCodes.BadTcpEndpointUrlInvalid, "The endpoint URL is longer than 4096 bytes.");
        }

        var encoder = new BinaryEncoder(_limits);
        encoder.WriteRaw(stackalloc byte[UaTcpChunkHeader.Length]);
        new HelloMessage(0, (uint)_limits.ReceiveBufferSize, (uint)_limits.SendBufferSize, (uint)_limits.MaxMessageSize, (uint)_limits.MaxChunkCount, _options.EndpointUrl).Encode(encoder);
        var hello = encoder.ToArray();
        new UaTcpChunkHeader(UaTcpMessageType.Hello, UaTcpChunkHeader.Final, hello.Length).Write(hello);
        await _connection.WriteAsync(hello, cancellationToken).ConfigureAwait(false);

        using var chunk = await _connection.ReadChunkAsync(_limits.ReceiveBufferSize, cancellationToken).ConfigureAwait(false);
        var decoder = new BinaryDecoder(chunk.Memory[UaTcpChunkHeader.Length..], _limits);
        switch (chunk.Header.MessageType)
        {
            case UaTcpMessageType.Acknowledge:
                var ack = AcknowledgeMessage.Decode(decoder);
                if (ack.ReceiveBufferSize < 8192 || ack.SendBufferSize < 8192)
                {
                    throw new OpcUaException(StatusCodes.BadTcpInternalError, $"The server's buffer sizes ({ack.ReceiveBufferSize}/{ack.SendBufferSize}) are below the 8192-byte minimum.");
                }

                _transport = new TransportLimits(
                    SendChunkSize: (int)Math.Min(ack.ReceiveBufferSize, (uint)_limits.SendBufferSize),
                    ReceiveChunkSize: _limits.ReceiveBufferSize,
                    MaxSendMessageSize: (int)Math.Min(ack.MaxMessageSize == 0 ? uint.MaxValue : ack.MaxMessageSize, (uint)_limits.MaxMessageSize),
                    MaxSendChunkCount: (int)Math.Min(ack.MaxChunkCount, int.MaxValue));
                break;
            case UaTcpMessageType.Error:
                throw ErrorMessage.Decode(decoder).ToException("The server refused the connection");
            default:
                throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Expected Acknowledge, got {chunk.Header.MessageType}.");
        }
    }

    private async Task OpenTokenAsync(SecurityTokenRequestType requestType, CancellationToken cancellationToken)
    {
        var clientNonce = _crypto.Policy.IsNone ? [] : RandomNumberGenerator.GetBytes(_crypto.Policy.NonceLength);
        var request = new OpenSecureChannelRequest
        {
            RequestHeader = new RequestHeader
            {
                Timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime,
                TimeoutHint = (uint)_options.OperationTimeout.TotalMilliseconds,
            },
            ClientProtocolVersion = 0,
            RequestType = requestType,
            SecurityMode = _crypto.Mode,
            ClientNonce = clientNonce,
            RequestedLifetime = (uint)Math.Clamp(_options.RequestedLifetime.TotalMilliseconds, 1000, uint.MaxValue),
        };

        var requestId = NextRequestId();
        request.RequestHeader = request.RequestHeader with { RequestHandle = requestId };
        var body = EncodeBody(request);
        var pending = new PendingRequest(requestId, "OpenSecureChannel");
        _pending[requestId] = pending;
        OpenSecureChannelResponse response;
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfClosed();
                var chunk = ChunkCodec.EncodeAsymmetric(_crypto, _channelId, NextSendSequence(), requestId, body, _limits);
                if (chunk.Length > _transport.SendChunkSize)
                {
                    throw new OpcUaException(StatusCodes.BadRequestTooLarge, $"OpenSecureChannel request of {chunk.Length} bytes exceeds the server's {_transport.SendChunkSize}-byte buffer.");
                }

                await WriteChunkAsync(chunk).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }

            response = CheckResponse<OpenSecureChannelResponse>(await WaitAsync(pending, _options.OperationTimeout, cancellationToken).ConfigureAwait(false), "OpenSecureChannel");
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }

        var serverNonce = response.ServerNonce ?? [];
        if (!_crypto.Policy.IsNone && serverNonce.Length != _crypto.Policy.NonceLength)
        {
            throw new OpcUaException(StatusCodes.BadNonceInvalid, $"The server nonce has {serverNonce.Length} bytes instead of {_crypto.Policy.NonceLength}.");
        }

        var tokenInfo = response.SecurityToken;
        if (requestType == SecurityTokenRequestType.Renew && tokenInfo.ChannelId != _channelId)
        {
            throw new OpcUaException(StatusCodes.BadSecureChannelIdInvalid, "The renewed token belongs to another channel.");
        }

        var lifetime = TimeSpan.FromMilliseconds(Math.Max(tokenInfo.RevisedLifetime, 1000));
        var token = new SecurityToken(tokenInfo.ChannelId, tokenInfo.TokenId, _options.TimeProvider.GetUtcNow().UtcDateTime, lifetime, _crypto.Policy.DeriveKeys(clientNonce, serverNonce));
        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            lock (_tokenLock)
            {
                _previousToken = _currentToken;
                _currentToken = token;
                _channelId = tokenInfo.ChannelId;
            }
        }
        finally
        {
            _sendLock.Release();
        }

        if (requestType == SecurityTokenRequestType.Renew)
        {
            TokenRenewed?.Invoke(token.TokenId);
        }
    }

    private async Task RenewLoopAsync()
    {
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                var token = _currentToken!;
                var due = token.CreatedAt + (token.Lifetime * 0.75) - _options.TimeProvider.GetUtcNow().UtcDateTime;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _options.TimeProvider, _lifetime.Token).ConfigureAwait(false);
                }

                await OpenTokenAsync(SecurityTokenRequestType.Renew, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (OpcUaException exception)
        {
            await ShutdownAsync(new OpcUaException(exception.StatusCode, $"Renewing the secure channel token failed: {exception.Message}", exception)).ConfigureAwait(false);
        }
    }

    private async Task SendSymmetricAsync(UaTcpMessageType type, uint requestId, byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length > _transport.MaxSendMessageSize)
        {
            throw new OpcUaException(StatusCodes.BadRequestTooLarge, $"Request of {body.Length} bytes exceeds the server's MaxMessageSize {_transport.MaxSendMessageSize}.");
        }

        var maxBody = ChunkCodec.MaxSymmetricBodySize(_crypto, _transport.SendChunkSize);
        var chunkCount = Math.Max(1, (body.Length + maxBody - 1) / maxBody);
        if (_transport.MaxSendChunkCount != 0 && chunkCount > _transport.MaxSendChunkCount)
        {
            throw new OpcUaException(StatusCodes.BadRequestTooLarge, $"Request needs {chunkCount} chunks but the server accepts {_transport.MaxSendChunkCount}.");
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            var token = _currentToken ?? throw new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel is not open.");
            for (var i = 0; i < chunkCount; i++)
            {
                var offset = i * maxBody;
                var part = body.AsSpan(offset, Math.Min(maxBody, body.Length - offset));
                var chunkType = i == chunkCount - 1 ? UaTcpChunkHeader.Final : UaTcpChunkHeader.Intermediate;
                var chunk = ChunkCodec.EncodeSymmetric(_crypto, token, type, chunkType, NextSendSequence(), requestId, part);
                await WriteChunkAsync(chunk).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task WriteChunkAsync(byte[] chunk)
    {
        // Writes are not cancelled by callers: a half-written chunk would corrupt the stream for everyone.
        try
        {
            await _connection.WriteAsync(chunk, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            throw Fault ?? new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel was closed.");
        }
        catch (OpcUaException exception)
        {
            await ShutdownAsync(exception).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IEncodeable> WaitAsync(PendingRequest pending, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.Task.WaitAsync(timeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new OpcUaException(StatusCodes.BadTimeout, $"{pending.ServiceName} got no response within {timeout.TotalSeconds:0.###} s.");
        }
    }

    private byte[] EncodeBody(IEncodeable message)
    {
        var encoder = new BinaryEncoder(_limits, 256, _limits.MaxMessageSize);
        encoder.WriteNodeId(message.BinaryEncodingId);
        message.Encode(encoder);
        return encoder.ToArray();
    }

    private uint NextRequestId()
    {
        var id = (uint)Interlocked.Increment(ref _nextRequestId);
        return id == 0 ? (uint)Interlocked.Increment(ref _nextRequestId) : id;
    }

    private uint NextSendSequence()
    {
        // OPC 10000-6 §6.7.2.4: wrap after UInt32.MaxValue - 1024 to a number below 1024.
        _sendSequence = _sendSequence >= uint.MaxValue - 1024 ? 1 : _sendSequence + 1;
        return _sendSequence;
    }

    private OpcUaException? Fault => _closed.Task.IsCompleted ? _closed.Task.Result : null;

    private void ThrowIfClosed()
    {
        if (_closed.Task.IsCompleted)
        {
            throw Fault is { } fault
                ? new OpcUaException(fault.StatusCode, $"The secure channel failed: {fault.Message}", fault)
                : new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel is closed.");
        }
    }

    private async Task ShutdownAsync(OpcUaException? fault)
    {
        if (!_closed.TrySetResult(fault))
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        var failure = fault is null
            ? new OpcUaException(StatusCodes.BadSecureChannelClosed, "The secure channel was closed.")
            : new OpcUaException(fault.StatusCode, $"The secure channel failed: {fault.Message}", fault);
        foreach (var pending in _pending.Values)
        {
            pending.Fail(failure);
        }

        // The receive and renew loops end on their own once the connection is gone; they are not awaited here
        // because this method may run on them.
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
