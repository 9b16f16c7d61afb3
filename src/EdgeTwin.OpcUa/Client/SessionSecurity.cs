using System.Buffers.Binary;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Client;

/// <summary>The session-level proofs of OPC 10000-4 §5.6: application signatures and encrypted user secrets.</summary>
public static class SessionSecurity
{
    /// <summary>Signs serverCertificate + serverNonce with the client's key (the ActivateSession clientSignature).</summary>
    public static SignatureData CreateClientSignature(SecurityPolicy policy, X509Certificate2? clientCertificate, byte[]? serverCertificate, byte[]? serverNonce)
    {
        if (policy.IsNone || clientCertificate is null)
        {
            return new SignatureData();
        }

        var key = clientCertificate.GetRSAPrivateKey() ?? throw new OpcUaException(StatusCodes.BadCertificateInvalid, "The client certificate has no private key.");
        var data = Concat(serverCertificate, serverNonce);
        return new SignatureData { Algorithm = policy.AsymmetricSignatureAlgorithmUri, Signature = policy.AsymmetricSign(key, data) };
    }

    /// <summary>Checks the CreateSession serverSignature over clientCertificate + clientNonce; throws BadApplicationSignatureInvalid.</summary>
    public static void VerifyServerSignature(SecurityPolicy policy, X509Certificate2 serverCertificate, byte[]? clientCertificate, byte[] clientNonce, SignatureData signature)
    {
        if (policy.IsNone)
        {
            return;
        }

        var key = serverCertificate.GetRSAPublicKey() ?? throw new OpcUaException(StatusCodes.BadCertificateInvalid, "The server certificate has no RSA key.");
        if (signature.Signature is null || !policy.AsymmetricVerify(key, Concat(clientCertificate, clientNonce), signature.Signature))
        {
            throw new OpcUaException(StatusCodes.BadApplicationSignatureInvalid, "The server's CreateSession signature is invalid.");
        }
    }

    /// <summary>
    /// Builds a UserNameIdentityToken. The password is encrypted with the server's public key under the token's
    /// policy (or the channel's when the token names none) as length(4) | password | serverNonce (OPC 10000-4 §7.41.2.2);
    /// it is sent in clear only when that policy is None.
    /// </summary>
    public static UserNameIdentityToken CreateUserNameToken(UserTokenPolicy tokenPolicy, SecurityPolicy channelPolicy, string userName, string password, X509Certificate2? serverCertificate, byte[]? serverNonce)
    {
        var policy = string.IsNullOrEmpty(tokenPolicy.SecurityPolicyUri)
            ? channelPolicy
            : SecurityPolicy.FromUri(tokenPolicy.SecurityPolicyUri) ?? throw new OpcUaException(StatusCodes.BadSecurityPolicyRejected, $"The user token policy {tokenPolicy.SecurityPolicyUri} is not supported.");
        var secret = System.Text.Encoding.UTF8.GetBytes(password);
        if (policy.IsNone)
        {
            return new UserNameIdentityToken { PolicyId = tokenPolicy.PolicyId, UserName = userName, Password = secret };
        }

        var key = serverCertificate?.GetRSAPublicKey() ?? throw new OpcUaException(StatusCodes.BadCertificateInvalid, "Encrypting the password needs the server certificate.");
        var nonce = serverNonce ?? [];
        var plaintext = new byte[4 + secret.Length + nonce.Length];
        BinaryPrimitives.WriteInt32LittleEndian(plaintext, secret.Length + nonce.Length);
        secret.CopyTo(plaintext, 4);
        nonce.CopyTo(plaintext, 4 + secret.Length);
        return new UserNameIdentityToken
        {
            PolicyId = tokenPolicy.PolicyId,
            UserName = userName,
            Password = policy.AsymmetricEncrypt(key, plaintext),
            EncryptionAlgorithm = policy.AsymmetricEncryptionAlgorithmUri,
        };
    }

    private static byte[] Concat(byte[]? first, byte[]? second)
    {
        var result = new byte[(first?.Length ?? 0) + (second?.Length ?? 0)];
        first?.CopyTo(result, 0);
        second?.CopyTo(result, first?.Length ?? 0);
        return result;
    }
}
