using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Client;

/// <summary>Everything an <see cref="OpcUaClient"/> needs to connect; validated by <see cref="Validate"/>.</summary>
public sealed record OpcUaClientOptions
{
    /// <summary>The server URL, e.g. <c>opc.tcp://127.0.0.1:4840</c>. The client always connects to this host and port.</summary>
    public required string EndpointUrl { get; init; }

    /// <summary>The security policy: a URI or short name (None, Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss).</summary>
    public string SecurityPolicy { get; init; } = "None";

    /// <summary>The security mode (None with policy None; Sign or SignAndEncrypt otherwise).</summary>
    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    /// <summary>The user identity (anonymous by default).</summary>
    public UserIdentity Identity { get; init; } = UserIdentity.Anonymous;

    /// <summary>The application name in the client's description and certificate.</summary>
    public string ApplicationName { get; init; } = "EdgeTwin";

    /// <summary>The application URI; default <c>urn:&lt;host&gt;:EdgeTwin</c>. Must match the certificate's URI.</summary>
    public string? ApplicationUri { get; init; }

    /// <summary>The product URI.</summary>
    public string ProductUri { get; init; } = "urn:edgetwin:gateway";

    /// <summary>The PKI folder with own/, trusted/ and rejected/ (needed for any policy other than None).</summary>
    public string? PkiRoot { get; init; }

    /// <summary>Trust unknown server certificates automatically (off by default: a rejected certificate is an error).</summary>
    public bool AutoAcceptUntrustedCertificates { get; init; }

    /// <summary>The session name shown by the server; default "EdgeTwin &lt;host&gt;".</summary>
    public string? SessionName { get; init; }

    /// <summary>Session timeout to ask for.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Default time to wait for a response.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the client reads the server's CurrentTime to detect a dead connection (zero disables).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The secure channel token lifetime to ask for (renewed at 75%).</summary>
    public TimeSpan SecureChannelLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Client-side cap on nodes per Read/Write/Browse call (0 = only the server's limits apply).</summary>
    public int MaxNodesPerCall { get; init; }

    /// <summary>Encoding and transport limits.</summary>
    public OpcUaLimits Limits { get; init; } = OpcUaLimits.Default;

    /// <summary>Opens the byte stream to host:port (default: a TCP socket). Tests substitute proxies or in-memory streams.</summary>
    public Func<string, int, CancellationToken, ValueTask<Stream>>? Connector { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The resolved security policy.</summary>
    public SecurityPolicy ResolvedPolicy => Security.SecurityPolicy.FromUri(SecurityPolicyUris.Resolve(SecurityPolicy)) ?? throw new ArgumentException($"Unknown security policy '{SecurityPolicy}'.");

    /// <summary>The application URI in use.</summary>
    public string ResolvedApplicationUri => ApplicationUri ?? $"urn:{System.Net.Dns.GetHostName()}:EdgeTwin";

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public OpcUaClientOptions Validate()
    {
        if (!Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var uri) || uri.Scheme != "opc.tcp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"EndpointUrl '{EndpointUrl}' is not an opc.tcp://host[:port][/path] URL.", nameof(EndpointUrl));
        }

        var policy = ResolvedPolicy;
        if (policy.IsNone != (SecurityMode == MessageSecurityMode.None))
        {
            throw new ArgumentException($"Security policy {SecurityPolicy} does not go with security mode {SecurityMode}.", nameof(SecurityMode));
        }

        if (SecurityMode == MessageSecurityMode.Invalid)
        {
            throw new ArgumentException("SecurityMode must be None, Sign or SignAndEncrypt.", nameof(SecurityMode));
        }

        if (!policy.IsNone && string.IsNullOrWhiteSpace(PkiRoot))
        {
            throw new ArgumentException("A secure connection needs PkiRoot (the folder with own/, trusted/, rejected/).", nameof(PkiRoot));
        }

        if (SessionTimeout <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero || KeepAliveInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive.", nameof(OperationTimeout));
        }

        Limits.Validate();
        return this;
    }
}
