using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeTwin.OpcUa.Certificates;

/// <summary>
/// The client's PKI folder: <c>own/</c> (its application instance certificate and private key), <c>trusted/</c>
/// (server certificates it trusts, DER or PEM, searched recursively) and <c>rejected/</c> (untrusted server
/// certificates saved for an operator to review and move into trusted/).
/// </summary>
public sealed class CertificateStore
{
    private const string CertificateFileName = "edgetwin.der";
    private const string PrivateKeyFileName = "edgetwin.key.pem";
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store rooted at a folder (created on first use).</summary>
    public CertificateStore(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The PKI root folder.</summary>
    public string Root { get; }

    /// <summary>The folder of the own certificate and key.</summary>
    public string OwnDirectory => Path.Combine(Root, "own");

    /// <summary>The folder of trusted server certificates.</summary>
    public string TrustedDirectory => Path.Combine(Root, "trusted");

    /// <summary>The folder where untrusted server certificates are saved.</summary>
    public string RejectedDirectory => Path.Combine(Root, "rejected");

    /// <summary>The own certificate file (DER).</summary>
    public string CertificatePath => Path.Combine(OwnDirectory, "certs", CertificateFileName);

    /// <summary>The own private key file (PKCS#8 PEM, readable by the owner only).</summary>
    public string PrivateKeyPath => Path.Combine(OwnDirectory, "private", PrivateKeyFileName);

    /// <summary>
    /// Loads the application instance certificate, creating a new one when there is none, it has expired, or its
    /// application URI differs from <paramref name="applicationUri"/>.
    /// </summary>
    public X509Certificate2 GetOrCreateApplicationCertificate(string applicationName, string applicationUri, IEnumerable<string>? hostNames = null)
    {
        CreateFolders();
        if (File.Exists(CertificatePath) && File.Exists(PrivateKeyPath))
        {
            var existing = Load();
            var now = _timeProvider.GetUtcNow().UtcDateTime;
            if (ApplicationCertificateFactory.GetApplicationUri(existing) == applicationUri && existing.NotAfter.ToUniversalTime() > now.AddDays(1))
            {
                return existing;
            }
        }

        var hosts = hostNames?.ToList() ?? [System.Net.Dns.GetHostName(), "localhost"];
        using var created = ApplicationCertificateFactory.Create(applicationName, applicationUri, hosts, TimeSpan.FromDays(5 * 365), _timeProvider.GetUtcNow());
        using var key = created.GetRSAPrivateKey()!;
        File.WriteAllBytes(CertificatePath, created.RawData);
        WritePrivate(PrivateKeyPath, key.ExportPkcs8PrivateKeyPem());
        return Load();
    }

    /// <summary>
    /// Accepts the server certificate when it is in trusted/ (or, with <paramref name="autoAccept"/>, adds it there);
    /// otherwise saves it to rejected/ and throws BadCertificateUntrusted naming the file to move. An expired or
    /// not yet valid certificate is rejected with BadCertificateTimeInvalid.
    /// </summary>
    public void ValidateServerCertificate(X509Certificate2 certificate, bool autoAccept)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        CreateFolders();
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (certificate.NotBefore.ToUniversalTime() > now || certificate.NotAfter.ToUniversalTime() < now)
        {
            throw new OpcUaCertificateException(StatusCodes.BadCertificateTimeInvalid,
                $"The server certificate '{certificate.Subject}' is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now.");
        }

        if (IsTrusted(certificate))
        {
            return;
        }

        var fileName = $"{SafeName(certificate)} [{certificate.Thumbprint}].der";
        if (autoAccept)
        {
            File.WriteAllBytes(Path.Combine(TrustedDirectory, fileName), certificate.RawData);
            return;
        }

        var rejected = Path.Combine(RejectedDirectory, fileName);
        File.WriteAllBytes(rejected, certificate.RawData);
        throw new OpcUaCertificateException(StatusCodes.BadCertificateUntrusted,
            $"The server certificate '{certificate.Subject}' (thumbprint {certificate.Thumbprint}) is not trusted. " +
            $"It was saved as {rejected}; move that file into {TrustedDirectory} to trust this server.",
            rejected);
    }

    /// <summary>True when a certificate with the same thumbprint is in trusted/.</summary>
    public bool IsTrusted(X509Certificate2 certificate)
    {
        if (!Directory.Exists(TrustedDirectory))
        {
            return false;
        }

        var thumbprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(TrustedDirectory, "*", SearchOption.AllDirectories))
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is not (".der" or ".cer" or ".crt" or ".pem"))
            {
                continue;
            }

            try
            {
                using var trusted = extension == ".pem" ? X509Certificate2.CreateFromPem(File.ReadAllText(file)) : X509CertificateLoader.LoadCertificateFromFile(file);
                if (trusted.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(thumbprint))
                {
                    return true;
                }
            }
            catch (CryptographicException)
            {
                // Not a certificate; other files in the folder do not stop the search.
            }
        }

        return false;
    }

    private X509Certificate2 Load()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(CertificatePath);
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(PrivateKeyPath));
        return certificate.CopyWithPrivateKey(key);
    }

    private void CreateFolders()
    {
        Directory.CreateDirectory(Path.Combine(OwnDirectory, "certs"));
        Directory.CreateDirectory(Path.Combine(OwnDirectory, "private"));
        Directory.CreateDirectory(TrustedDirectory);
        Directory.CreateDirectory(RejectedDirectory);
    }

    private static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    private static string SafeName(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "server";
        }

        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || c is '[' or ']' ? '_' : c).ToArray());
    }
}
