using System.Diagnostics;
using EdgeTwin.Testing;

namespace EdgeTwin.Uplink.Tests.Mqtt;

/// <summary>A test CA with a broker certificate (localhost, 127.0.0.1) and a client certificate, made with openssl.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly TempDir _dir = new();

    public string Ca => _dir.File("ca.crt");

    public string ServerCert => _dir.File("server.crt");

    public string ServerKey => _dir.File("server.key");

    public string ClientCert => _dir.File("client.crt");

    public string ClientKey => _dir.File("client.key");

    public static async Task<TestCertificates> CreateAsync()
    {
        var certs = new TestCertificates();
        await File.WriteAllTextAsync(certs._dir.File("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        await File.WriteAllTextAsync(certs._dir.File("client.ext"), "extendedKeyUsage=clientAuth\n");
        await certs.OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=EdgeTwin Test CA");
        foreach (var (name, cn) in new[] { ("server", "localhost"), ("client", "edge-gateway-01") })
        {
            await certs.OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
            await certs.OpenSslAsync("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
        }

        // mosquitto started as root reads its key after dropping to user 'mosquitto': the key must be readable by it.
        if (OperatingSystem.IsWindows())
        {
            return certs;
        }

        foreach (var key in Directory.GetFiles(certs._dir.Path, "*.key"))
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(certs._dir.Path, (UnixFileMode)0b111_101_101);
        return certs;
    }

    /// <summary>mosquitto listener settings for mutual TLS on <paramref name="port"/>.</summary>
    public string ListenerConfig(int port) => $"""
        listener {port} 127.0.0.1
        allow_anonymous true
        cafile {Ca}
        certfile {ServerCert}
        keyfile {ServerKey}
        require_certificate true
        use_identity_as_username true
        tls_version tlsv1.2
        """;

    public void Dispose() => _dir.Dispose();

    private async Task OpenSslAsync(params string[] args)
    {
        var openssl = PeerProcess.Resolve("openssl") ?? throw new InvalidOperationException("openssl is not installed: run tests/run.sh");
        var info = new ProcessStartInfo(openssl) { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {await errors}");
        }
    }
}
