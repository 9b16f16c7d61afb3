using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Certificates;

namespace EdgeTwin.OpcUa.Tests.Certificates;

public sealed class CertificateStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edgetwin-pki-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Application_certificate_is_created_once_with_uri_hosts_and_key_usages()
    {
        var store = new CertificateStore(_root);

        using var created = store.GetOrCreateApplicationCertificate("EdgeTwin", "urn:gw1:EdgeTwin", ["gw1", "localhost", "127.0.0.1"]);
        using var loaded = store.GetOrCreateApplicationCertificate("EdgeTwin", "urn:gw1:EdgeTwin", ["gw1"]);

        Assert.Equal(created.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("urn:gw1:EdgeTwin", ApplicationCertificateFactory.GetApplicationUri(loaded));
        Assert.Equal(2048, loaded.GetRSAPublicKey()!.KeySize);
        Assert.Equal("sha256RSA", loaded.SignatureAlgorithm.FriendlyName);
        var usage = loaded.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.True(usage.HasFlag(X509KeyUsageFlags.DigitalSignature) && usage.HasFlag(X509KeyUsageFlags.KeyEncipherment) && usage.HasFlag(X509KeyUsageFlags.DataEncipherment) && usage.HasFlag(X509KeyUsageFlags.NonRepudiation));
        Assert.False(loaded.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var eku = loaded.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Contains(ApplicationCertificateFactory.ClientAuthOid, eku);
        var san = loaded.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("gw1", san.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.True(loaded.NotBefore < DateTime.Now && loaded.NotAfter > DateTime.Now.AddYears(4));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PrivateKeyPath));
        }
    }

    [Fact]
    public void Changed_application_uri_creates_a_new_certificate()
    {
        var store = new CertificateStore(_root);
        using var first = store.GetOrCreateApplicationCertificate("EdgeTwin", "urn:a:EdgeTwin", ["a"]);
        using var second = store.GetOrCreateApplicationCertificate("EdgeTwin", "urn:b:EdgeTwin", ["b"]);
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Equal("urn:b:EdgeTwin", ApplicationCertificateFactory.GetApplicationUri(second));
    }

    [Fact]
    public void Unknown_server_certificate_is_saved_to_rejected_and_trusted_after_moving()
    {
        var store = new CertificateStore(_root);
        using var server = ApplicationCertificateFactory.Create("Some Server", "urn:s", ["s"], TimeSpan.FromDays(10));

        var error = Assert.Throws<OpcUaCertificateException>(() => store.ValidateServerCertificate(server, autoAccept: false));

        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
        Assert.StartsWith(store.RejectedDirectory, error.RejectedFile);
        Assert.Contains(server.Thumbprint, error.Message);
        Assert.Contains(store.TrustedDirectory, error.Message);
        File.Move(error.RejectedFile!, Path.Combine(store.TrustedDirectory, "server.der"));
        store.ValidateServerCertificate(server, autoAccept: false);
        Assert.True(store.IsTrusted(server));
    }

    [Fact]
    public void Pem_files_in_trusted_subfolders_count_and_auto_accept_adds_the_certificate()
    {
        var store = new CertificateStore(_root);
        using var pemServer = ApplicationCertificateFactory.Create("Pem Server", "urn:p", ["p"], TimeSpan.FromDays(10));
        using var autoServer = ApplicationCertificateFactory.Create("Auto Server", "urn:q", ["q"], TimeSpan.FromDays(10));
        Directory.CreateDirectory(Path.Combine(store.TrustedDirectory, "certs"));
        Directory.CreateDirectory(store.RejectedDirectory);
        File.WriteAllText(Path.Combine(store.TrustedDirectory, "certs", "p.pem"), pemServer.ExportCertificatePem());
        File.WriteAllText(Path.Combine(store.TrustedDirectory, "readme.pem"), "not a certificate");

        store.ValidateServerCertificate(pemServer, autoAccept: false);
        store.ValidateServerCertificate(autoServer, autoAccept: true);

        Assert.True(store.IsTrusted(autoServer));
        Assert.Empty(Directory.GetFiles(store.RejectedDirectory));
    }

    [Fact]
    public void Expired_server_certificate_is_rejected_even_when_trusted()
    {
        var store = new CertificateStore(_root, new FixedTime(DateTimeOffset.UtcNow.AddYears(2)));
        using var server = ApplicationCertificateFactory.Create("Old Server", "urn:o", ["o"], TimeSpan.FromDays(30));
        Directory.CreateDirectory(store.TrustedDirectory);
        File.WriteAllBytes(Path.Combine(store.TrustedDirectory, "o.der"), server.RawData);

        var error = Assert.Throws<OpcUaCertificateException>(() => store.ValidateServerCertificate(server, autoAccept: true));

        Assert.Equal(StatusCodes.BadCertificateTimeInvalid, error.StatusCode.Code);
    }

    [Fact]
    public void Leaf_is_taken_from_a_certificate_chain_and_garbage_is_rejected()
    {
        using var a = ApplicationCertificateFactory.Create("A", "urn:a", ["a"], TimeSpan.FromDays(1));
        using var b = ApplicationCertificateFactory.Create("B", "urn:b", ["b"], TimeSpan.FromDays(1));
        using var leaf = CertificateChain.LoadLeaf([.. a.RawData, .. b.RawData]);
        Assert.Equal(a.Thumbprint, leaf.Thumbprint);
        Assert.Equal(StatusCodes.BadCertificateInvalid, Assert.Throws<OpcUaCertificateException>(() => CertificateChain.LoadLeaf([0x30, 0x82, 0xFF])).StatusCode.Code);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
