using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeTwin.OpcUa.Certificates;

/// <summary>
/// Creates self-signed application instance certificates as OPC 10000-6 §6.2.2 describes: RSA 2048 with SHA-256,
/// the ApplicationUri and the host's DNS names in the subjectAltName, and the key usages a client needs.
/// </summary>
public static class ApplicationCertificateFactory
{
    /// <summary>The OID of the serverAuth extended key usage.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>The OID of the clientAuth extended key usage.</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Creates a certificate (with its private key) valid from yesterday for <paramref name="lifetime"/>.</summary>
    public static X509Certificate2 Create(string applicationName, string applicationUri, IEnumerable<string> hostNames, TimeSpan lifetime, DateTimeOffset? now = null, int keySize = 2048)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationUri);
        using var rsa = RSA.Create(keySize);
        var hosts = hostNames.Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(applicationName);
        subject.AddOrganizationName("EdgeTwin");
        if (hosts.Count > 0)
        {
            subject.AddDomainComponent(hosts[0]);
        }

        var request = new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment
            | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid), new Oid(ClientAuthOid)], critical: false));

        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(applicationUri));
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKeyId);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyId));

        var start = (now ?? DateTimeOffset.UtcNow).AddDays(-1);
        return request.CreateSelfSigned(start, start.Add(lifetime));
    }

    /// <summary>Reads the application URI (the first uniformResourceIdentifier of the subjectAltName), or null.</summary>
    public static string? GetApplicationUri(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            try
            {
                // SubjectAltName ::= SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IA5String (RFC 5280 §4.2.1.6).
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
                while (names.HasData)
                {
                    if (names.PeekTag() == uriTag)
                    {
                        return names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                    }

                    names.ReadEncodedValue();
                }
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        return null;
    }
}
