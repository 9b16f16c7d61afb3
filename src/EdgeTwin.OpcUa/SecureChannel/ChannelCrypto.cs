using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>The long-lived cryptographic parties of a channel: the policy, the mode, and both certificates.</summary>
internal sealed class ChannelCrypto
{
    public ChannelCrypto(SecurityPolicy policy, MessageSecurityMode mode, X509Certificate2? clientCertificate, X509Certificate2? serverCertificate)
    {
        Policy = policy;
        Mode = policy.IsNone ? MessageSecurityMode.None : mode;
        if (Mode == MessageSecurityMode.None && !policy.IsNone)
        {
            throw new ArgumentException("A security policy other than None needs mode Sign or SignAndEncrypt.", nameof(mode));
        }

        if (Mode != MessageSecurityMode.None)
        {
            ClientCertificate = clientCertificate ?? throw new ArgumentException("A secure channel needs the client certificate with its private key.", nameof(clientCertificate));
            ServerCertificate = serverCertificate ?? throw new ArgumentException("A secure channel needs the server certificate.", nameof(serverCertificate));
            ClientPrivateKey = clientCertificate.GetRSAPrivateKey() ?? throw new ArgumentException("The client certificate has no RSA private key.", nameof(clientCertificate));
            ServerPublicKey = serverCertificate.GetRSAPublicKey() ?? throw new ArgumentException("The server certificate has no RSA public key.", nameof(serverCertificate));
            ClientCertificateDer = clientCertificate.RawData;
            ServerThumbprint = SHA1.HashData(serverCertificate.RawData);
        }
    }

    public SecurityPolicy Policy { get; }

    public MessageSecurityMode Mode { get; }

    public bool Signs => Mode != MessageSecurityMode.None;

    public bool Encrypts => Mode == MessageSecurityMode.SignAndEncrypt;

    public X509Certificate2? ClientCertificate { get; }

    public X509Certificate2? ServerCertificate { get; }

    public RSA? ClientPrivateKey { get; }

    public RSA? ServerPublicKey { get; }

    public byte[]? ClientCertificateDer { get; }

    public byte[]? ServerThumbprint { get; }
}
