using System.Buffers.Binary;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.OpcUa.SecureChannel;

public sealed partial class UaSecureChannel
{
    private async Task ReceiveLoopAsync()
    {
        OpcUaException? fault = null;
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                using var chunk = await _connection.ReadChunkAsync(_transport.ReceiveChunkSize, _lifetime.Token).ConfigureAwait(false);
                ProcessChunk(chunk);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (OpcUaException exception)
        {
            fault = exception;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or ObjectDisposedException)
        {
            fault = new OpcUaException(StatusCodes.BadSecurityChecksFailed, exception.Message, exception);
        }

        if (!_lifetime.IsCancellationRequested || fault is not null)
        {
            await ShutdownAsync(fault ?? new OpcUaException(StatusCodes.BadConnectionClosed, "The receive loop ended.")).ConfigureAwait(false);
        }
    }

    /// <summary>Opens, checks and delivers one received chunk (the receive loop calls it for every chunk in order).</summary>
    internal void ProcessChunk(UaTcpChunk chunk)
    {
        var header = chunk.Header;
        switch (header.MessageType)
        {
            case UaTcpMessageType.Message:
            case UaTcpMessageType.CloseSecureChannel:
                ProcessSymmetric(chunk);
                break;
            case UaTcpMessageType.OpenSecureChannel:
                ProcessOpenResponse(chunk);
                break;
            case UaTcpMessageType.Error:
                var error = ErrorMessage.Decode(new BinaryDecoder(chunk.Memory[UaTcpChunkHeader.Length..], _limits));
                throw error.ToException("The server closed the channel with an error");
            default:
                throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, $"Unexpected {header.MessageType} message on an open channel.");
        }
    }

    private void ProcessSymmetric(UaTcpChunk chunk)
    {
        var span = chunk.Memory.Span;
        if (span.Length < ChunkCodec.MessageHeaderLength + 4)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, "Symmetric chunk too short.");
        }

        CheckChannelId(BinaryPrimitives.ReadUInt32LittleEndian(span[8..]));
        var token = FindToken(ChunkCodec.ReadTokenId(span));
        var opened = ChunkCodec.DecodeSymmetric(_crypto, token, span);
        CheckSequence(opened.SequenceNumber);
        if (chunk.Header.MessageType == UaTcpMessageType.CloseSecureChannel)
        {
            throw new OpcUaException(StatusCodes.BadSecureChannelClosed, "The server closed the secure channel.");
        }

        var body = chunk.Memory.Slice(opened.BodyOffset, opened.BodyLength);
        Deliver(chunk.Header.ChunkType, opened.RequestId, body);
    }

    private void ProcessOpenResponse(UaTcpChunk chunk)
    {
        if (chunk.Header.ChunkType != UaTcpChunkHeader.Final)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, "Multi-chunk OpenSecureChannel responses are not supported.");
        }

        var bytes = chunk.Memory.ToArray();
        var opened = ChunkCodec.DecodeAsymmetric(_crypto, bytes, _limits);
        CheckSequence(opened.SequenceNumber);
        var buffer = opened.Buffer ?? bytes;
        Deliver(UaTcpChunkHeader.Final, opened.RequestId, buffer.AsMemory(opened.BodyOffset, opened.BodyLength));
    }

    private void Deliver(byte chunkType, uint requestId, ReadOnlyMemory<byte> body)
    {
        if (_discarding.Contains(requestId))
        {
            if (chunkType != UaTcpChunkHeader.Intermediate)
            {
                _discarding.Remove(requestId);
            }

            return;
        }

        _assemblies.TryGetValue(requestId, out var assembly);
        switch (chunkType)
        {
            case UaTcpChunkHeader.Intermediate:
                assembly ??= _assemblies[requestId] = new MessageAssembly(TakeAssemblyBuffer());
                try
                {
                    assembly.Add(body.Span, _limits);
                }
                catch (OpcUaException exception)
                {
                    _assemblies.Remove(requestId);
                    KeepAssemblyBuffer(assembly.Release());
                    _discarding.Add(requestId);
                    FailPending(requestId, exception);
                }

                return;
            case UaTcpChunkHeader.Abort:
                _assemblies.Remove(requestId);
                if (assembly is not null)
                {
                    KeepAssemblyBuffer(assembly.Release());
                }

                var error = ErrorMessage.Decode(new BinaryDecoder(body, _limits));
                FailPending(requestId, error.ToException("The server aborted the response"));
                return;
        }

        if (assembly is null)
        {
            DecodeResponse(requestId, body);
            return;
        }

        _assemblies.Remove(requestId);
        try
        {
            assembly.Add(body.Span, _limits);
            // The decoded response copies what it keeps, so the buffer serves the next message afterwards.
            DecodeResponse(requestId, assembly.Message);
        }
        catch (OpcUaException exception)
        {
            FailPending(requestId, exception);
        }
        finally
        {
            KeepAssemblyBuffer(assembly.Release());
        }
    }

    /// <summary>The buffer the last assembled message used, so that large responses reuse one buffer per channel.</summary>
    private byte[] TakeAssemblyBuffer()
    {
        var buffer = _spareAssemblyBuffer;
        _spareAssemblyBuffer = [];
        return buffer;
    }

    private void KeepAssemblyBuffer(byte[] buffer)
    {
        // One spare is kept (the larger one, up to a bound so that a rare huge response does not pin its buffer).
        if (buffer.Length > MaxSpareAssemblyBuffer || buffer.Length <= _spareAssemblyBuffer.Length)
        {
            MessageAssembly.ReturnBuffer(buffer);
            return;
        }

        MessageAssembly.ReturnBuffer(_spareAssemblyBuffer);
        _spareAssemblyBuffer = buffer;
    }

    private void DecodeResponse(uint requestId, ReadOnlyMemory<byte> message)
    {
        if (!_pending.TryGetValue(requestId, out var pending))
        {
            return; // timed out or cancelled meanwhile
        }

        try
        {
            var decoder = new BinaryDecoder(message, _limits);
            var typeId = decoder.ReadNodeId();
            if (!EncodeableRegistry.TryGetDecoder(typeId, out var decode))
            {
                throw new OpcUaException(StatusCodes.BadUnknownResponse, $"{pending.ServiceName} got a response of unknown type {typeId}.");
            }

            var response = decode(decoder);
            decoder.EnsureFullyConsumed($"{pending.ServiceName} response");
            pending.Complete(response);
        }
        catch (OpcUaException exception)
        {
            pending.Fail(exception);
        }
    }

    private void FailPending(uint requestId, OpcUaException exception)
    {
        if (_pending.TryGetValue(requestId, out var pending))
        {
            pending.Fail(exception);
        }
    }

    private SecurityToken FindToken(uint tokenId)
    {
        lock (_tokenLock)
        {
            if (_currentToken?.TokenId == tokenId)
            {
                // Once the server uses the new token, the previous one is no longer valid (OPC 10000-4 §5.5.2).
                _previousToken = null;
                return _currentToken;
            }

            if (_previousToken?.TokenId == tokenId)
            {
                return _previousToken;
            }
        }

        throw new OpcUaException(StatusCodes.BadSecureChannelTokenUnknown, $"The server used unknown security token {tokenId}.");
    }

    private void CheckChannelId(uint channelId)
    {
        if (channelId != _channelId)
        {
            throw new OpcUaException(StatusCodes.BadSecureChannelIdInvalid, $"Chunk for secure channel {channelId}, expected {_channelId}.");
        }
    }

    private void CheckSequence(uint sequenceNumber)
    {
        // OPC 10000-6 §6.7.2.4: each chunk's sequence number is the previous plus one, wrapping below 1024.
        if (_lastReceivedSequence is { } last)
        {
            var expected = last + 1;
            var wrapped = last > uint.MaxValue - 1024 && sequenceNumber < 1024;
            if (sequenceNumber != expected && !wrapped)
            {
                throw new OpcUaException(StatusCodes.BadSequenceNumberInvalid, $"Received sequence number {sequenceNumber}, expected {expected}.");
            }
        }

        _lastReceivedSequence = sequenceNumber;
    }
}
