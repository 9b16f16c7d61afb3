using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Client;

/// <summary>Picks the endpoint that matches the configured security policy and mode.</summary>
public static class EndpointSelector
{
    /// <summary>The UA TCP binary transport profile.</summary>
    public const string UaTcpTransportProfile = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary";

    /// <summary>
    /// Returns the endpoint with the given policy URI and mode (preferring the UA TCP transport and the highest
    /// security level); throws BadSecurityPolicyRejected listing what the server offers when none matches.
    /// </summary>
    public static EndpointDescription Select(IReadOnlyList<EndpointDescription> endpoints, string policyUri, MessageSecurityMode mode)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var match = endpoints
            .Where(e => e.SecurityPolicyUri == policyUri && e.SecurityMode == mode)
            .Where(e => string.IsNullOrEmpty(e.TransportProfileUri) || e.TransportProfileUri == UaTcpTransportProfile)
            .OrderByDescending(e => e.SecurityLevel)
            .FirstOrDefault();
        if (match is not null)
        {
            return match;
        }

        var offered = string.Join(", ", endpoints.Select(e => $"{e.SecurityPolicyUri?[(e.SecurityPolicyUri.IndexOf('#') + 1)..]}/{e.SecurityMode}").Distinct());
        throw new OpcUaException(StatusCodes.BadSecurityPolicyRejected, $"The server has no endpoint with {policyUri[(policyUri.IndexOf('#') + 1)..]}/{mode}; it offers {offered}.");
    }

    /// <summary>Finds the user token policy for an identity; throws BadIdentityTokenRejected when the endpoint accepts none.</summary>
    public static UserTokenPolicy SelectTokenPolicy(EndpointDescription endpoint, UserIdentity identity)
    {
        var type = identity.IsAnonymous ? UserTokenType.Anonymous : UserTokenType.UserName;
        return endpoint.UserIdentityTokens.FirstOrDefault(t => t.TokenType == type)
            ?? throw new OpcUaException(StatusCodes.BadIdentityTokenRejected, $"The endpoint does not accept {type} identities.");
    }
}
