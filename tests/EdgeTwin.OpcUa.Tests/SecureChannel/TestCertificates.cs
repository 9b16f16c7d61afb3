using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Certificates;

namespace EdgeTwin.OpcUa.Tests.SecureChannel;

internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> ClientLazy = new(() => ApplicationCertificateFactory.Create("TestClient", "urn:test:client", ["localhost"], TimeSpan.FromDays(30)));
    private static readonly Lazy<X509Certificate2> ServerLazy = new(() => ApplicationCertificateFactory.Create("TestServer", "urn:test:server", ["localhost"], TimeSpan.FromDays(30)));

    /// <summary>The client certificate with its private key.</summary>
    public static X509Certificate2 Client => ClientLazy.Value;

    /// <summary>The server certificate with its private key.</summary>
    public static X509Certificate2 Server => ServerLazy.Value;

    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
