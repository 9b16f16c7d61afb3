using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Tests.SecureChannel;

namespace EdgeTwin.OpcUa.Tests.Security;

public sealed class CryptoTests
{
    [Fact]
    public void PSha256_matches_the_TLS_1_2_PRF_test_vector()
    {
        // The TLS 1.2 PRF is P_SHA256(secret, label + seed): the published SHA-256 vector (secret 9bbe436b…, label "test label").
        var secret = Convert.FromHexString("9bbe436ba940f017b17652849a71db35");
        var seed = System.Text.Encoding.ASCII.GetBytes("test label").Concat(Convert.FromHexString("a0ba9f936cda311827a6f796ffd5198c")).ToArray();

        var output = PSha256.Derive(secret, seed, 100);

        Assert.Equal("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a", Convert.ToHexString(output.AsSpan(0, 32)).ToLowerInvariant());
        Assert.Equal(100, output.Length);
        Assert.Equal(output.AsSpan(0, 40).ToArray(), PSha256.Derive(secret, seed, 40));
    }

    [Theory]
    [InlineData(SecurityPolicyUris.Basic256Sha256, 32)]
    [InlineData(SecurityPolicyUris.Aes128Sha256RsaOaep, 16)]
    [InlineData(SecurityPolicyUris.Aes256Sha256RsaPss, 32)]
    public void Keys_are_derived_per_OPC_10000_6_with_the_policy_lengths(string uri, int encryptionKeyLength)
    {
        var policy = SecurityPolicy.FromUri(uri)!;
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var serverNonce = RandomNumberGenerator.GetBytes(32);

        var keys = policy.DeriveKeys(clientNonce, serverNonce);

        var clientMaterial = PSha256.Derive(serverNonce, clientNonce, 32 + encryptionKeyLength + 16);
        Assert.Equal(clientMaterial[..32], keys.Client.SigningKey);
        Assert.Equal(clientMaterial[32..(32 + encryptionKeyLength)], keys.Client.EncryptingKey);
        Assert.Equal(clientMaterial[(32 + encryptionKeyLength)..], keys.Client.InitializationVector);
        Assert.Equal(PSha256.Derive(clientNonce, serverNonce, 32), keys.Server.SigningKey);
    }

    [Theory]
    [InlineData(SecurityPolicyUris.Basic256Sha256)]
    [InlineData(SecurityPolicyUris.Aes256Sha256RsaPss)]
    public void Asymmetric_encryption_round_trips_over_several_rsa_blocks(string uri)
    {
        var policy = SecurityPolicy.FromUri(uri)!;
        using var publicKey = TestCertificates.PublicOnly(TestCertificates.Server).GetRSAPublicKey()!;
        using var privateKey = TestCertificates.Server.GetRSAPrivateKey()!;
        var plain = RandomNumberGenerator.GetBytes(policy.AsymmetricPlainBlockSize(publicKey) * 3);

        var cipher = policy.AsymmetricEncrypt(publicKey, plain);

        Assert.Equal(3 * 256, cipher.Length);
        Assert.Equal(plain, policy.AsymmetricDecrypt(privateKey, cipher));
        var signature = policy.AsymmetricSign(privateKey, plain);
        Assert.True(policy.AsymmetricVerify(publicKey, plain, signature));
        plain[0] ^= 1;
        Assert.False(policy.AsymmetricVerify(publicKey, plain, signature));
    }

    [Fact]
    public void Password_is_encrypted_with_length_prefix_and_server_nonce()
    {
        var tokenPolicy = new UserTokenPolicy { PolicyId = "pw", TokenType = UserTokenType.UserName, SecurityPolicyUri = SecurityPolicyUris.Basic256Sha256 };
        var nonce = RandomNumberGenerator.GetBytes(32);

        var token = SessionSecurity.CreateUserNameToken(tokenPolicy, SecurityPolicy.None, "user1", "pässword", TestCertificates.PublicOnly(TestCertificates.Server), nonce);

        Assert.Equal("pw", token.PolicyId);
        Assert.Equal("http://www.w3.org/2001/04/xmlenc#rsa-oaep", token.EncryptionAlgorithm);
        using var key = TestCertificates.Server.GetRSAPrivateKey()!;
        var plain = SecurityPolicy.Basic256Sha256.AsymmetricDecrypt(key, token.Password);
        var secret = System.Text.Encoding.UTF8.GetBytes("pässword");
        Assert.Equal(secret.Length + 32, BinaryPrimitives.ReadInt32LittleEndian(plain));
        Assert.Equal(secret, plain[4..(4 + secret.Length)]);
        Assert.Equal(nonce, plain[(4 + secret.Length)..(4 + secret.Length + 32)]);
    }

    [Fact]
    public void Password_is_plain_only_when_the_token_and_channel_policies_are_None()
    {
        var token = SessionSecurity.CreateUserNameToken(new UserTokenPolicy { PolicyId = "p" }, SecurityPolicy.None, "u", "secret", null, null);
        Assert.Equal("secret"u8.ToArray(), token.Password);
        Assert.Null(token.EncryptionAlgorithm);
        Assert.Throws<OpcUaException>(() => SessionSecurity.CreateUserNameToken(new UserTokenPolicy { PolicyId = "p" }, SecurityPolicy.Basic256Sha256, "u", "secret", null, null));
    }

    [Fact]
    public void Session_signatures_verify_and_detect_tampering()
    {
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var clientDer = TestCertificates.Client.RawData;
        using var serverKey = TestCertificates.Server.GetRSAPrivateKey()!;
        var data = clientDer.Concat(clientNonce).ToArray();
        var signature = new SignatureData { Algorithm = SecurityPolicy.Basic256Sha256.AsymmetricSignatureAlgorithmUri, Signature = SecurityPolicy.Basic256Sha256.AsymmetricSign(serverKey, data) };

        SessionSecurity.VerifyServerSignature(SecurityPolicy.Basic256Sha256, TestCertificates.PublicOnly(TestCertificates.Server), clientDer, clientNonce, signature);
        clientNonce[3] ^= 0xFF;
        var error = Assert.Throws<OpcUaException>(() => SessionSecurity.VerifyServerSignature(SecurityPolicy.Basic256Sha256, TestCertificates.PublicOnly(TestCertificates.Server), clientDer, clientNonce, signature));
        Assert.Equal(StatusCodes.BadApplicationSignatureInvalid, error.StatusCode.Code);

        var clientSignature = SessionSecurity.CreateClientSignature(SecurityPolicy.Basic256Sha256, TestCertificates.Client, TestCertificates.Server.RawData, clientNonce);
        using var clientPublic = TestCertificates.PublicOnly(TestCertificates.Client).GetRSAPublicKey()!;
        Assert.True(SecurityPolicy.Basic256Sha256.AsymmetricVerify(clientPublic, TestCertificates.Server.RawData.Concat(clientNonce).ToArray(), clientSignature.Signature));
    }

    [Theory]
    [InlineData("Basic256Sha256", SecurityPolicyUris.Basic256Sha256)]
    [InlineData("aes128_sha256_rsaoaep", SecurityPolicyUris.Aes128Sha256RsaOaep)]
    [InlineData(SecurityPolicyUris.None, SecurityPolicyUris.None)]
    [InlineData("Basic128Rsa15", null)]
    public void Policy_names_resolve_to_uris(string name, string? uri) => Assert.Equal(uri, SecurityPolicyUris.Resolve(name));
}
