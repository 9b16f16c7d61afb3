using System.Buffers.Binary;
using System.Security.Cryptography;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>
/// Builds and opens secured chunks (OPC 10000-6 §6.7.2): the message header, the asymmetric (OPN) or symmetric
/// (MSG, CLO) security header, the sequence header, the body, padding and signature, encrypted as the mode requires.
/// </summary>
internal static class ChunkCodec
{
    /// <summary>Message header (8) + secure channel id (4).</summary>
    public const int MessageHeaderLength = 12;

    /// <summary>Sequence number (4) + request id (4).</summary>
    public const int SequenceHeaderLength = 8;

    private const int SymmetricHeaderLength = MessageHeaderLength + 4;

    /// <summary>Largest body that fits in one symmetric chunk of the given size.</summary>
    public static int MaxSymmetricBodySize(ChannelCrypto crypto, int chunkSize)
    {
        var signature = crypto.Signs ? crypto.Policy.SymmetricSignatureSize : 0;
        if (!crypto.Encrypts)
        {
            return chunkSize - SymmetricHeaderLength - SequenceHeaderLength - signature;
        }

        var block = crypto.Policy.SymmetricBlockSize;
        var plain = (chunkSize - SymmetricHeaderLength) / block * block;
        return plain - SequenceHeaderLength - signature - 1;
    }

    /// <summary>Builds one symmetric chunk.</summary>
    public static byte[] EncodeSymmetric(ChannelCrypto crypto, SecurityToken token, UaTcpMessageType type, byte chunkType, uint sequenceNumber, uint requestId, ReadOnlySpan<byte> body)
    {
        var signatureSize = crypto.Signs ? crypto.Policy.SymmetricSignatureSize : 0;
        var plainLength = SequenceHeaderLength + body.Length;
        var padValue = 0;
        var paddingBytes = 0;
        if (crypto.Encrypts)
        {
            var block = crypto.Policy.SymmetricBlockSize;
            var remainder = (plainLength + signatureSize + 1) % block;
            padValue = remainder == 0 ? 0 : block - remainder;
            paddingBytes = padValue + 1;
        }

        var total = SymmetricHeaderLength + plainLength + paddingBytes + signatureSize;
        var chunk = new byte[total];
        new UaTcpChunkHeader(type, chunkType, total).Write(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), token.ChannelId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), token.TokenId);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(16), sequenceNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), requestId);
        body.CopyTo(chunk.AsSpan(24));
        chunk.AsSpan(24 + body.Length, paddingBytes).Fill((byte)padValue);
        if (crypto.Signs)
        {
            var signed = total - signatureSize;
            HMACSHA256.HashData(token.Keys.Client.SigningKey, chunk.AsSpan(0, signed), chunk.AsSpan(signed));
        }

        if (crypto.Encrypts)
        {
            var encrypted = token.ClientCipher!.EncryptCbc(chunk.AsSpan(SymmetricHeaderLength), token.Keys.Client.InitializationVector, PaddingMode.None);
            encrypted.CopyTo(chunk.AsSpan(SymmetricHeaderLength));
        }

        return chunk;
    }

    /// <summary>Reads the token id of a received symmetric chunk.</summary>
    public static uint ReadTokenId(ReadOnlySpan<byte> chunk) => BinaryPrimitives.ReadUInt32LittleEndian(chunk.Slice(MessageHeaderLength, 4));

    /// <summary>Decrypts and verifies a received symmetric chunk in place; returns the sequence header fields and the body range.</summary>
    public static ReceivedChunk DecodeSymmetric(ChannelCrypto crypto, SecurityToken token, Span<byte> chunk)
    {
        var signatureSize = crypto.Signs ? crypto.Policy.SymmetricSignatureSize : 0;
        if (crypto.Encrypts)
        {
            var cipherLength = chunk.Length - SymmetricHeaderLength;
            if (cipherLength <= 0 || cipherLength % crypto.Policy.SymmetricBlockSize != 0)
            {
                throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, $"Encrypted chunk of {chunk.Length} bytes is not block aligned.");
            }

            var cipher = chunk[SymmetricHeaderLength..];
            token.ServerCipher!.DecryptCbc(cipher, token.Keys.Server.InitializationVector, cipher, PaddingMode.None);
        }

        if (chunk.Length < SymmetricHeaderLength + SequenceHeaderLength + signatureSize + (crypto.Encrypts ? 1 : 0))
        {
            throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, $"Chunk of {chunk.Length} bytes is too short for its security.");
        }

        var end = chunk.Length - signatureSize;
        if (crypto.Signs)
        {
            Span<byte> expected = stackalloc byte[32];
            HMACSHA256.HashData(token.Keys.Server.SigningKey, chunk[..end], expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, chunk.Slice(end, signatureSize)))
            {
                throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "The message signature is invalid.");
            }
        }

        if (crypto.Encrypts)
        {
            end = RemovePadding(chunk, SymmetricHeaderLength + SequenceHeaderLength, end, extraPaddingByte: false);
        }

        return ReadSequenceHeader(chunk, SymmetricHeaderLength, end);
    }

    /// <summary>Builds the (single) OpenSecureChannel chunk with asymmetric security.</summary>
    public static byte[] EncodeAsymmetric(ChannelCrypto crypto, uint channelId, uint sequenceNumber, uint requestId, ReadOnlySpan<byte> body, OpcUaLimits limits)
    {
        var header = new BinaryEncoder(limits, 4096);
        header.WriteRaw(stackalloc byte[MessageHeaderLength]);
        header.WriteString(crypto.Policy.Uri);
        header.WriteByteString(crypto.Signs ? crypto.ClientCertificateDer : null);
        header.WriteByteString(crypto.Signs ? crypto.ServerThumbprint : null);
        var securedStart = header.Position;
        header.WriteUInt32(sequenceNumber);
        header.WriteUInt32(requestId);
        header.WriteRaw(body);

        if (!crypto.Signs)
        {
            var plainChunk = header.ToArray();
            WriteMessageHeader(plainChunk, UaTcpMessageType.OpenSecureChannel, plainChunk.Length, channelId);
            return plainChunk;
        }

        var policy = crypto.Policy;
        var serverKey = crypto.ServerPublicKey!;
        var plainBlock = policy.AsymmetricPlainBlockSize(serverKey);
        var cipherBlock = serverKey.KeySize / 8;
        var signatureSize = crypto.ClientPrivateKey!.KeySize / 8;
        var extra = cipherBlock > 256 ? 1 : 0;
        var plainLength = header.Position - securedStart;
        var remainder = (plainLength + signatureSize + 1 + extra) % plainBlock;
        var padValue = remainder == 0 ? 0 : plainBlock - remainder;
        for (var i = 0; i < padValue + 1; i++)
        {
            header.WriteByte((byte)padValue);
        }

        if (extra == 1)
        {
            header.WriteByte((byte)(padValue >> 8));
        }

        var plaintextTotal = header.Position - securedStart + signatureSize;
        var encryptedLength = plaintextTotal / plainBlock * cipherBlock;
        var messageSize = securedStart + encryptedLength;
        var unsigned = header.ToArray();
        WriteMessageHeader(unsigned, UaTcpMessageType.OpenSecureChannel, messageSize, channelId);
        var signature = policy.AsymmetricSign(crypto.ClientPrivateKey, unsigned);

        var plaintext = new byte[plaintextTotal];
        unsigned.AsSpan(securedStart).CopyTo(plaintext);
        signature.CopyTo(plaintext, unsigned.Length - securedStart);
        var ciphertext = policy.AsymmetricEncrypt(serverKey, plaintext);

        var chunk = new byte[messageSize];
        unsigned.AsSpan(0, securedStart).CopyTo(chunk);
        ciphertext.CopyTo(chunk, securedStart);
        return chunk;
    }

    /// <summary>Opens a received OpenSecureChannel chunk: checks the security header, decrypts and verifies.</summary>
    public static ReceivedChunk DecodeAsymmetric(ChannelCrypto crypto, byte[] chunk, OpcUaLimits limits)
    {
        var decoder = new BinaryDecoder(chunk, limits);
        decoder.ReadRaw(MessageHeaderLength, "message header");
        var policyUri = decoder.ReadString();
        var senderCertificate = decoder.ReadByteString();
        var receiverThumbprint = decoder.ReadByteString();
        var securedStart = decoder.Position;
        if (policyUri != crypto.Policy.Uri)
        {
            throw new OpcUaException(StatusCodes.BadSecurityPolicyRejected, $"The server answered with security policy '{policyUri}' instead of '{crypto.Policy.Uri}'.");
        }

        if (!crypto.Signs)
        {
            return ReadSequenceHeader(chunk, securedStart, chunk.Length);
        }

        if (senderCertificate is null || !senderCertificate.AsSpan().SequenceEqual(crypto.ServerCertificate!.RawData))
        {
            throw new OpcUaException(StatusCodes.BadCertificateInvalid, "The server signed the OpenSecureChannel response with a different certificate than its endpoint's.");
        }

        if (receiverThumbprint is null || !receiverThumbprint.AsSpan().SequenceEqual(SHA1.HashData(crypto.ClientCertificateDer!)))
        {
            throw new OpcUaException(StatusCodes.BadCertificateInvalid, "The OpenSecureChannel response was encrypted for another client certificate.");
        }

        var plaintext = crypto.Policy.AsymmetricDecrypt(crypto.ClientPrivateKey!, chunk.AsSpan(securedStart));
        var signatureSize = crypto.ServerPublicKey!.KeySize / 8;
        if (plaintext.Length < SequenceHeaderLength + signatureSize + 1)
        {
            throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "The OpenSecureChannel response is too short.");
        }

        var opened = new byte[securedStart + plaintext.Length];
        chunk.AsSpan(0, securedStart).CopyTo(opened);
        plaintext.CopyTo(opened, securedStart);
        var end = opened.Length - signatureSize;
        if (!crypto.Policy.AsymmetricVerify(crypto.ServerPublicKey, opened.AsSpan(0, end), opened.AsSpan(end)))
        {
            throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "The OpenSecureChannel response signature is invalid.");
        }

        end = RemovePadding(opened, securedStart + SequenceHeaderLength, end, extraPaddingByte: crypto.ClientPrivateKey!.KeySize > 2048);
        return ReadSequenceHeader(opened, securedStart, end) with { Buffer = opened };
    }

    private static void WriteMessageHeader(Span<byte> chunk, UaTcpMessageType type, int size, uint channelId)
    {
        new UaTcpChunkHeader(type, UaTcpChunkHeader.Final, size).Write(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[8..], channelId);
    }

    private static int RemovePadding(ReadOnlySpan<byte> chunk, int bodyStart, int end, bool extraPaddingByte)
    {
        var padValue = (int)chunk[end - 1];
        var sizeBytes = 1;
        if (extraPaddingByte)
        {
            padValue = (chunk[end - 1] << 8) | chunk[end - 2];
            sizeBytes = 2;
        }

        var paddingStart = end - sizeBytes - padValue;
        if (paddingStart < bodyStart)
        {
            throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, $"Padding of {padValue} bytes is longer than the chunk.");
        }

        var low = (byte)(padValue & 0xFF);
        foreach (var b in chunk[paddingStart..(end - sizeBytes)])
        {
            if (b != low)
            {
                throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "The padding bytes are inconsistent.");
            }
        }

        return paddingStart;
    }

    private static ReceivedChunk ReadSequenceHeader(ReadOnlySpan<byte> chunk, int offset, int end)
    {
        if (end - offset < SequenceHeaderLength)
        {
            throw new OpcUaException(StatusCodes.BadTcpMessageTypeInvalid, "Chunk too short for its sequence header.");
        }

        var sequenceNumber = BinaryPrimitives.ReadUInt32LittleEndian(chunk[offset..]);
        var requestId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(offset + 4)..]);
        return new ReceivedChunk(sequenceNumber, requestId, offset + SequenceHeaderLength, end - offset - SequenceHeaderLength, null);
    }
}

/// <summary>The sequence header and body location of an opened chunk (in <see cref="Buffer"/> when the chunk was copied).</summary>
internal readonly record struct ReceivedChunk(uint SequenceNumber, uint RequestId, int BodyOffset, int BodyLength, byte[]? Buffer);
