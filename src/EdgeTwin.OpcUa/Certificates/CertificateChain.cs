using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeTwin.OpcUa.Certificates;

/// <summary>Helpers for the DER certificate blobs servers send (a leaf certificate, optionally followed by its issuers).</summary>
public static class CertificateChain
{
    /// <summary>Loads the first (leaf) certificate of a DER blob; throws BadCertificateInvalid for malformed data.</summary>
    public static X509Certificate2 LoadLeaf(byte[]? der)
    {
        if (der is null || der.Length == 0)
        {
            throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, "The server sent no certificate.");
        }

        try
        {
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out var consumed);
            return X509CertificateLoader.LoadCertificate(der.AsSpan(0, consumed));
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            throw new OpcUaCertificateException(StatusCodes.BadCertificateInvalid, $"The server certificate cannot be parsed: {exception.Message}");
        }
    }
}
