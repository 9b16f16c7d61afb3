using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.SecureChannel;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.OpcUa.Tests.Fakes;

/// <summary>
/// A scripted UA TCP server on an in-memory stream. It answers Hello and OpenSecureChannel itself and hands every
/// service request to <see cref="Handler"/>. Security uses the client's chunk codec with mirrored keys and
/// certificates, so what the client signs and encrypts is checked as a server would.
/// </summary>
internal sealed class FakeUaServer : IAsyncDisposable
{
    private readonly UaTcpConnection _connection;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ChannelCrypto _crypto;
    private SecurityToken? _token;
    private SecurityToken? _renewedToken;
    private uint _sequence = 100;
    private uint _tokenId;
    private Task? _loop;

    public FakeUaServer(Stream stream, SecurityPolicy? policy = null, MessageSecurityMode mode = MessageSecurityMode.None,
        X509Certificate2? serverCertificate = null, X509Certificate2? clientCertificate = null)
    {
        _connection = new UaTcpConnection(stream);
        // Mirrored: to the server, "client" in the codec means itself.
        _crypto = new ChannelCrypto(policy ?? SecurityPolicy.None, mode, serverCertificate, clientCertificate);
    }

    public AcknowledgeMessage Acknowledge { get; set; } = new(0, 65536, 65536, 0, 0);

    public ErrorMessage? RejectHello { get; set; }

    public uint RevisedLifetimeMs { get; set; } = 3_600_000;

    public uint ChannelId { get; } = 77;

    /// <summary>Answers service requests; return null to not answer.</summary>
    public Func<uint, IServiceRequest, IServiceResponse?> Handler { get; set; } = (_, request) => new ServiceFault
    {
        ResponseHeader = new ResponseHeader { ServiceResult = StatusCodes.BadServiceUnsupported },
    };

    public HelloMessage? Hello { get; private set; }

    public ConcurrentQueue<OpenSecureChannelRequest> OpenRequests { get; } = new();

    public ConcurrentQueue<(uint TokenId, int ChunkSize, byte ChunkType)> ReceivedChunks { get; } = new();

    public ConcurrentQueue<IServiceRequest> Requests { get; } = new();

    public int ResponseChunkBodySize { get; set; } = 60_000;

    public bool CloseReceived { get; private set; }

    public void Start() => _loop = RunAsync();

    public async Task SendResponseAsync(uint requestId, IEncodeable response)
    {
        await _sendLock.WaitAsync();
        try
        {
            foreach (var chunk in EncodeResponseChunks(requestId, response))
            {
                await _connection.WriteAsync(chunk);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Encodes a response into its secured chunks with the next sequence numbers without sending them; a test that
    /// feeds them to the client itself must do so in order and before the server sends anything else.
    /// </summary>
    public List<byte[]> EncodeResponseChunks(uint requestId, IEncodeable response)
    {
        var encoder = new BinaryEncoder();
        encoder.WriteNodeId(response.BinaryEncodingId);
        response.Encode(encoder);
        var body = encoder.ToArray();
        var maxBody = Math.Min(ResponseChunkBodySize, ChunkCodec.MaxSymmetricBodySize(_crypto, 65536));
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < body.Length || offset == 0; offset += maxBody)
        {
            var length = Math.Min(maxBody, body.Length - offset);
            var last = offset + length >= body.Length;
            var chunkType = last ? UaTcpChunkHeader.Final : UaTcpChunkHeader.Intermediate;
            chunks.Add(ChunkCodec.EncodeSymmetric(_crypto, _token!, UaTcpMessageType.Message, chunkType, ++_sequence, requestId, body.AsSpan(offset, length)));
            if (last)
            {
                break;
            }
        }

        return chunks;
    }

    public async Task SendAbortAsync(uint requestId, uint status, string reason)
    {
        var encoder = new BinaryEncoder();
        new ErrorMessage(status, reason).Encode(encoder);
        await SendChunkAsync(UaTcpMessageType.Message, UaTcpChunkHeader.Abort, requestId, encoder.ToArray());
    }

    public async Task SendErrorAsync(uint status, string reason)
    {
        var encoder = new BinaryEncoder();
        encoder.WriteRaw(new byte[8]);
        new ErrorMessage(status, reason).Encode(encoder);
        var bytes = encoder.ToArray();
        new UaTcpChunkHeader(UaTcpMessageType.Error, UaTcpChunkHeader.Final, bytes.Length).Write(bytes);
        await _connection.WriteAsync(bytes);
    }

    /// <summary>Skips sequence numbers, so the next chunk breaks the +1 rule.</summary>
    public void SkipSequenceNumbers(uint count) => _sequence += count;

    /// <summary>Sends a chunk whose body is altered after signing.</summary>
    public async Task SendTamperedResponseAsync(uint requestId, IEncodeable response)
    {
        var encoder = new BinaryEncoder();
        encoder.WriteNodeId(response.BinaryEncodingId);
        response.Encode(encoder);
        byte[] chunk;
        await _sendLock.WaitAsync();
        try
        {
            chunk = ChunkCodec.EncodeSymmetric(_crypto, _token!, UaTcpMessageType.Message, UaTcpChunkHeader.Final, ++_sequence, requestId, encoder.WrittenSpan);
            chunk[30] ^= 0x55;
            await _connection.WriteAsync(chunk);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _connection.DisposeAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            var assemblies = new Dictionary<uint, List<byte>>();
            while (!_stop.IsCancellationRequested)
            {
                using var chunk = await _connection.ReadChunkAsync(1 << 20, _stop.Token);
                switch (chunk.Header.MessageType)
                {
                    case UaTcpMessageType.Hello:
                        Hello = HelloMessage.Decode(new BinaryDecoder(chunk.Memory[8..]));
                        await AnswerHelloAsync();
                        break;
                    case UaTcpMessageType.OpenSecureChannel:
                        await AnswerOpenAsync(chunk.Memory.ToArray());
                        break;
                    case UaTcpMessageType.CloseSecureChannel:
                        CloseReceived = true;
                        return;
                    case UaTcpMessageType.Message:
                        var span = chunk.Memory.Span;
                        var tokenId = ChunkCodec.ReadTokenId(span);
                        ReceivedChunks.Enqueue((tokenId, chunk.Header.Size, chunk.Header.ChunkType));
                        if (_renewedToken?.TokenId == tokenId)
                        {
                            // OPC 10000-4 §5.5.2: the server switches to the new token once the client uses it.
                            _token = _renewedToken;
                            _renewedToken = null;
                        }

                        var opened = ChunkCodec.DecodeSymmetric(_crypto, _token!, span);
                        if (!assemblies.TryGetValue(opened.RequestId, out var body))
                        {
                            assemblies[opened.RequestId] = body = [];
                        }

                        body.AddRange(span.Slice(opened.BodyOffset, opened.BodyLength).ToArray());
                        if (chunk.Header.ChunkType == UaTcpChunkHeader.Final)
                        {
                            assemblies.Remove(opened.RequestId);
                            await HandleRequestAsync(opened.RequestId, body.ToArray());
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (OpcUaException)
        {
            // The client went away.
        }
        catch (InvalidOperationException) when (_stop.IsCancellationRequested)
        {
            // Disposed while a read was finishing: the connection's pipe reader completed under it.
        }
    }

    private async Task AnswerHelloAsync()
    {
        var encoder = new BinaryEncoder();
        encoder.WriteRaw(new byte[8]);
        UaTcpMessageType type;
        if (RejectHello is not null)
        {
            RejectHello.Encode(encoder);
            type = UaTcpMessageType.Error;
        }
        else
        {
            Acknowledge.Encode(encoder);
            type = UaTcpMessageType.Acknowledge;
        }

        var bytes = encoder.ToArray();
        new UaTcpChunkHeader(type, UaTcpChunkHeader.Final, bytes.Length).Write(bytes);
        await _connection.WriteAsync(bytes);
    }

    private async Task AnswerOpenAsync(byte[] chunk)
    {
        var opened = ChunkCodec.DecodeAsymmetric(_crypto, chunk, OpcUaLimits.Default);
        var buffer = opened.Buffer ?? chunk;
        var decoder = new BinaryDecoder(buffer.AsMemory(opened.BodyOffset, opened.BodyLength));
        decoder.ReadNodeId();
        var request = OpenSecureChannelRequest.Decode(decoder);
        OpenRequests.Enqueue(request);
        var serverNonce = _crypto.Policy.IsNone ? [] : RandomNumberGenerator.GetBytes(_crypto.Policy.NonceLength);
        var keys = _crypto.Policy.DeriveKeys(request.ClientNonce ?? [], serverNonce);
        var response = new OpenSecureChannelResponse
        {
            ResponseHeader = new ResponseHeader { RequestHandle = request.RequestHeader.RequestHandle },
            SecurityToken = new ChannelSecurityToken { ChannelId = ChannelId, TokenId = ++_tokenId, CreatedAt = DateTime.UtcNow, RevisedLifetime = RevisedLifetimeMs },
            ServerNonce = serverNonce,
        };
        var encoder = new BinaryEncoder();
        encoder.WriteNodeId(response.BinaryEncodingId);
        response.Encode(encoder);
        await _sendLock.WaitAsync();
        try
        {
            var bytes = ChunkCodec.EncodeAsymmetric(_crypto, ChannelId, ++_sequence, opened.RequestId, encoder.WrittenSpan, OpcUaLimits.Default);
            await _connection.WriteAsync(bytes);
            var token = new SecurityToken(ChannelId, _tokenId, DateTime.UtcNow, TimeSpan.FromMilliseconds(RevisedLifetimeMs), new ChannelKeys(keys.Server, keys.Client));
            if (_token is null)
            {
                _token = token;
            }
            else
            {
                _renewedToken = token;
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task HandleRequestAsync(uint requestId, byte[] body)
    {
        var decoder = new BinaryDecoder(body);
        var typeId = decoder.ReadNodeId();
        Assert.True(EncodeableRegistry.TryGetDecoder(typeId, out var decode), $"unknown request {typeId}");
        var request = (IServiceRequest)decode(decoder);
        Requests.Enqueue(request);
        var response = Handler(requestId, request);
        if (response is not null)
        {
            await SendResponseAsync(requestId, response);
        }
    }

    private async Task SendChunkAsync(UaTcpMessageType type, byte chunkType, uint requestId, byte[] body)
    {
        await _sendLock.WaitAsync();
        try
        {
            var chunk = ChunkCodec.EncodeSymmetric(_crypto, _token!, type, chunkType, ++_sequence, requestId, body);
            await _connection.WriteAsync(chunk);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
