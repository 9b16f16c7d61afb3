using System.Security.Cryptography;

namespace EdgeTwin.OpcUa.Security;

/// <summary>
/// The algorithms and key lengths of one security policy (OPC 10000-7 §6.6): asymmetric RSA for the
/// OpenSecureChannel handshake and session signatures, AES-CBC + HMAC-SHA256 with derived keys for messages.
/// </summary>
public sealed record SecurityPolicy
{
    private SecurityPolicy(string uri)
    {
        Uri = uri;
    }

    /// <summary>SecurityPolicy None: no signatures, no encryption.</summary>
    public static SecurityPolicy None { get; } = new(SecurityPolicyUris.None);

    /// <summary>Basic256Sha256.</summary>
    public static SecurityPolicy Basic256Sha256 { get; } = new(SecurityPolicyUris.Basic256Sha256)
    {
        NonceLength = 32,
        SymmetricSigningKeyLength = 32,
        SymmetricEncryptionKeyLength = 32,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA1,
        AsymmetricEncryptionOverhead = 42,
        AsymmetricEncryptionAlgorithmUri = "http://www.w3.org/2001/04/xmlenc#rsa-oaep",
        AsymmetricSignaturePadding = RSASignaturePadding.Pkcs1,
        AsymmetricSignatureAlgorithmUri = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    };

    /// <summary>Aes128_Sha256_RsaOaep: as Basic256Sha256 but with AES-128.</summary>
    public static SecurityPolicy Aes128Sha256RsaOaep { get; } = Basic256Sha256 with
    {
        Uri = SecurityPolicyUris.Aes128Sha256RsaOaep,
        SymmetricEncryptionKeyLength = 16,
    };

    /// <summary>Aes256_Sha256_RsaPss: RSA-OAEP-SHA256 encryption and RSA-PSS-SHA256 signatures.</summary>
    public static SecurityPolicy Aes256Sha256RsaPss { get; } = Basic256Sha256 with
    {
        Uri = SecurityPolicyUris.Aes256Sha256RsaPss,
        AsymmetricEncryptionPadding = RSAEncryptionPadding.OaepSHA256,
        AsymmetricEncryptionOverhead = 66,
        AsymmetricEncryptionAlgorithmUri = "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256",
        AsymmetricSignaturePadding = RSASignaturePadding.Pss,
        AsymmetricSignatureAlgorithmUri = "http://opcfoundation.org/UA/security/rsa-pss-sha2-256",
    };

    /// <summary>The policy URI.</summary>
    public string Uri { get; private init; }

    /// <summary>True for SecurityPolicy None.</summary>
    public bool IsNone => NonceLength == 0;

    /// <summary>Length of the secure channel nonces (0 for None).</summary>
    public int NonceLength { get; private init; }

    /// <summary>HMAC-SHA256 key length (DerivedSignatureKeyLength).</summary>
    public int SymmetricSigningKeyLength { get; private init; }

    /// <summary>AES key length in bytes.</summary>
    public int SymmetricEncryptionKeyLength { get; private init; }

    /// <summary>AES block size (and IV length).</summary>
    public int SymmetricBlockSize => 16;

    /// <summary>HMAC-SHA256 signature length.</summary>
    public int SymmetricSignatureSize => IsNone ? 0 : 32;

    /// <summary>RSA encryption padding.</summary>
    public RSAEncryptionPadding AsymmetricEncryptionPadding { get; private init; } = RSAEncryptionPadding.OaepSHA1;

    /// <summary>Bytes of each RSA block lost to padding (42 for OAEP-SHA1, 66 for OAEP-SHA256).</summary>
    public int AsymmetricEncryptionOverhead { get; private init; }

    /// <summary>The URI of the asymmetric encryption algorithm (put into encrypted user tokens).</summary>
    public string? AsymmetricEncryptionAlgorithmUri { get; private init; }

    /// <summary>RSA signature padding (with SHA-256).</summary>
    public RSASignaturePadding AsymmetricSignaturePadding { get; private init; } = RSASignaturePadding.Pkcs1;

    /// <summary>The URI of the asymmetric signature algorithm (put into SignatureData).</summary>
    public string? AsymmetricSignatureAlgorithmUri { get; private init; }

    /// <summary>Finds a policy by URI; null when this client does not implement it.</summary>
    public static SecurityPolicy? FromUri(string? uri) => uri switch
    {
        SecurityPolicyUris.None => None,
        SecurityPolicyUris.Basic256Sha256 => Basic256Sha256,
        SecurityPolicyUris.Aes128Sha256RsaOaep => Aes128Sha256RsaOaep,
        SecurityPolicyUris.Aes256Sha256RsaPss => Aes256Sha256RsaPss,
        _ => null,
    };

    /// <summary>Plaintext bytes per RSA block for a key of the given size.</summary>
    public int AsymmetricPlainBlockSize(RSA key) => (key.KeySize / 8) - AsymmetricEncryptionOverhead;

    /// <summary>Signs with the private key (RSA, SHA-256).</summary>
    public byte[] AsymmetricSign(RSA privateKey, ReadOnlySpan<byte> data) =>
        privateKey.SignData(data.ToArray(), HashAlgorithmName.SHA256, AsymmetricSignaturePadding);

    /// <summary>Verifies a signature with the public key (RSA, SHA-256).</summary>
    public bool AsymmetricVerify(RSA publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, AsymmetricSignaturePadding);

    /// <summary>Encrypts whole plaintext blocks with the public key; the length must be a multiple of the plain block size.</summary>
    public byte[] AsymmetricEncrypt(RSA publicKey, ReadOnlySpan<byte> plaintext)
    {
        var plainBlock = AsymmetricPlainBlockSize(publicKey);
        var cipherBlock = publicKey.KeySize / 8;
        var blocks = (plaintext.Length + plainBlock - 1) / plainBlock;
        var output = new byte[blocks * cipherBlock];
        for (var i = 0; i < blocks; i++)
        {
            var chunk = plaintext.Slice(i * plainBlock, Math.Min(plainBlock, plaintext.Length - (i * plainBlock)));
            if (!publicKey.TryEncrypt(chunk, output.AsSpan(i * cipherBlock, cipherBlock), AsymmetricEncryptionPadding, out var written) || written != cipherBlock)
            {
                throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "RSA encryption failed.");
            }
        }

        return output;
    }

    /// <summary>Decrypts RSA blocks with the private key.</summary>
    public byte[] AsymmetricDecrypt(RSA privateKey, ReadOnlySpan<byte> ciphertext)
    {
        var cipherBlock = privateKey.KeySize / 8;
        if (ciphertext.Length % cipherBlock != 0)
        {
            throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, $"Encrypted data of {ciphertext.Length} bytes is not a multiple of the {cipherBlock}-byte RSA block.");
        }

        var plainBlock = AsymmetricPlainBlockSize(privateKey);
        var output = new byte[(ciphertext.Length / cipherBlock) * plainBlock];
        var total = 0;
        for (var i = 0; i < ciphertext.Length / cipherBlock; i++)
        {
            try
            {
                if (!privateKey.TryDecrypt(ciphertext.Slice(i * cipherBlock, cipherBlock), output.AsSpan(total), AsymmetricEncryptionPadding, out var written))
                {
                    throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "RSA decryption failed.");
                }

                total += written;
            }
            catch (CryptographicException exception)
            {
                throw new OpcUaException(StatusCodes.BadSecurityChecksFailed, "RSA decryption failed.", exception);
            }
        }

        return output.AsSpan(0, total).ToArray();
    }

    /// <summary>Derives the symmetric keys of a token from the two nonces (OPC 10000-6 §6.7.5).</summary>
    public ChannelKeys DeriveKeys(byte[] clientNonce, byte[] serverNonce)
    {
        if (IsNone)
        {
            return ChannelKeys.Empty;
        }

        var length = SymmetricSigningKeyLength + SymmetricEncryptionKeyLength + SymmetricBlockSize;
        // Keys that secure what the client sends: secret = ServerNonce, seed = ClientNonce; and the reverse for the server.
        var client = PSha256.Derive(serverNonce, clientNonce, length);
        var server = PSha256.Derive(clientNonce, serverNonce, length);
        return new ChannelKeys(
            Split(client, SymmetricSigningKeyLength, SymmetricEncryptionKeyLength, SymmetricBlockSize),
            Split(server, SymmetricSigningKeyLength, SymmetricEncryptionKeyLength, SymmetricBlockSize));
    }

    private static SymmetricKeySet Split(byte[] material, int signing, int encrypting, int iv) => new(
        material.AsSpan(0, signing).ToArray(),
        material.AsSpan(signing, encrypting).ToArray(),
        material.AsSpan(signing + encrypting, iv).ToArray());
}
