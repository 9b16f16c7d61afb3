using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>
/// The TLS files of mqtts:// (PEM): the CA that signs the broker's certificate and the client certificate and key,
/// loaded with an error that names the setting and the file; and the broker certificate check against that CA
/// and the expected server name.
/// </summary>
internal sealed class TlsMaterial
{
    private TlsMaterial(X509Certificate2Collection? authorities, X509Certificate2? client, string serverName)
    {
        Authorities = authorities;
        Client = client;
        ServerName = serverName;
    }

    /// <summary>CA certificates to trust instead of the system store, or null for the system store.</summary>
    public X509Certificate2Collection? Authorities { get; }

    /// <summary>The client certificate with its private key, or null.</summary>
    public X509Certificate2? Client { get; }

    /// <summary>The name the broker's certificate must carry.</summary>
    public string ServerName { get; }

    /// <summary>Why the last broker certificate was rejected, for the connection error.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Loads the files of <paramref name="tls"/>; <paramref name="host"/> is the default server name.</summary>
    public static TlsMaterial Load(TlsConfig? tls, string host)
    {
        X509Certificate2Collection? authorities = null;
        if (tls?.CaFile is { } ca)
        {
            authorities = new X509Certificate2Collection();
            try
            {
                authorities.ImportFromPemFile(ca);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new UplinkConfigurationException($"mqtt.tls.ca: cannot load the CA certificate '{ca}': {ex.Message}", ex);
            }

            if (authorities.Count == 0)
            {
                throw new UplinkConfigurationException($"mqtt.tls.ca: '{ca}' holds no PEM certificate");
            }
        }

        X509Certificate2? client = null;
        if (tls?.CertFile is { } certFile)
        {
            if (tls.KeyFile is null)
            {
                throw new UplinkConfigurationException("mqtt.tls.key: a client certificate needs its private key");
            }

            try
            {
                using var pem = X509Certificate2.CreateFromPemFile(certFile, tls.KeyFile);

                // SslStream on Linux wants the key in a PKCS#12-loaded (not ephemeral) form.
                client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                throw new UplinkConfigurationException($"mqtt.tls.cert/key: cannot load the client certificate '{certFile}' with key '{tls.KeyFile}': {ex.Message}", ex);
            }
        }

        return new TlsMaterial(authorities, client, tls?.ServerName ?? host);
    }

    /// <summary>
    /// Accepts the broker's certificate when its name matches <see cref="ServerName"/> and it chains to the configured
    /// CA (or, without a CA, when the system trusts it).
    /// </summary>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LastRejection = null;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Reject("the broker sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Reject($"the broker's certificate is not valid for the name '{ServerName}' (set mqtt.tls.serverName if the broker is reached under another name)");
        }

        if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            return true;
        }

        if (Authorities is null)
        {
            return Reject("the broker's certificate is not trusted by the system (set mqtt.tls.ca to the CA that signed it)");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var server = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(server))
        {
            return true;
        }

        var status = string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return Reject($"the broker's certificate does not chain to mqtt.tls.ca ({status})");
    }

    private bool Reject(string reason)
    {
        LastRejection = reason;
        return false;
    }
}
