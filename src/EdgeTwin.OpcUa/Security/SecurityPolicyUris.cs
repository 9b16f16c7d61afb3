namespace EdgeTwin.OpcUa.Security;

/// <summary>The security policy URIs this client implements (OPC 10000-7).</summary>
public static class SecurityPolicyUris
{
    /// <summary>No security.</summary>
    public const string None = "http://opcfoundation.org/UA/SecurityPolicy#None";

    /// <summary>RSA-OAEP-SHA1 / RSA-PKCS1-SHA256, AES-256-CBC, HMAC-SHA256.</summary>
    public const string Basic256Sha256 = "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256";

    /// <summary>RSA-OAEP-SHA1 / RSA-PKCS1-SHA256, AES-128-CBC, HMAC-SHA256.</summary>
    public const string Aes128Sha256RsaOaep = "http://opcfoundation.org/UA/SecurityPolicy#Aes128_Sha256_RsaOaep";

    /// <summary>RSA-OAEP-SHA256 / RSA-PSS-SHA256, AES-256-CBC, HMAC-SHA256.</summary>
    public const string Aes256Sha256RsaPss = "http://opcfoundation.org/UA/SecurityPolicy#Aes256_Sha256_RsaPss";

    /// <summary>
    /// Resolves a configured policy name: a full URI or its short form (<c>None</c>, <c>Basic256Sha256</c>,
    /// <c>Aes128_Sha256_RsaOaep</c>, <c>Aes256_Sha256_RsaPss</c>), case-insensitively. Null when unknown.
    /// </summary>
    public static string? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        foreach (var uri in new[] { None, Basic256Sha256, Aes128Sha256RsaOaep, Aes256Sha256RsaPss })
        {
            if (string.Equals(uri, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(uri[(uri.IndexOf('#') + 1)..], name, StringComparison.OrdinalIgnoreCase))
            {
                return uri;
            }
        }

        return null;
    }
}
