using System.Security.Cryptography.X509Certificates;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>How to open a secure channel.</summary>
public sealed record SecureChannelOptions
{
    /// <summary>The endpoint URL sent in the Hello (the server's own URL for the endpoint).</summary>
    public required string EndpointUrl { get; init; }

    /// <summary>The security policy (default None).</summary>
    public SecurityPolicy Policy { get; init; } = SecurityPolicy.None;

    /// <summary>The security mode (None with policy None; Sign or SignAndEncrypt otherwise).</summary>
    public MessageSecurityMode Mode { get; init; } = MessageSecurityMode.None;

    /// <summary>The client's application instance certificate with its private key (needed unless the policy is None).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The server's certificate from its endpoint description (needed unless the policy is None).</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Encoding and transport limits.</summary>
    public OpcUaLimits Limits { get; init; } = OpcUaLimits.Default;

    /// <summary>The token lifetime to ask for; the token is renewed at 75% of the lifetime the server grants.</summary>
    public TimeSpan RequestedLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Default time to wait for a response.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock (tests may substitute one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
