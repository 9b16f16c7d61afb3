using System.Security.Cryptography;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Client;

public sealed partial class OpcUaClient
{
    private async Task CreateSessionAsync(CancellationToken cancellationToken)
    {
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var host = new Uri(_options.EndpointUrl).Host;
        var response = await SendAsync<CreateSessionResponse>(new CreateSessionRequest
        {
            ClientDescription = new ApplicationDescription
            {
                ApplicationUri = _options.ResolvedApplicationUri,
                ProductUri = _options.ProductUri,
                ApplicationName = new LocalizedText(_options.ApplicationName),
                ApplicationType = ApplicationType.Client,
            },
            ServerUri = _endpoint!.Server.ApplicationUri,
            EndpointUrl = _options.EndpointUrl,
            SessionName = _options.SessionName ?? $"{_options.ApplicationName} {System.Net.Dns.GetHostName()} → {host}",
            ClientNonce = clientNonce,
            ClientCertificate = _clientCertificate?.RawData,
            RequestedSessionTimeout = _options.SessionTimeout.TotalMilliseconds,
            MaxResponseMessageSize = (uint)_options.Limits.MaxMessageSize,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        if (!_policy.IsNone)
        {
            if (response.ServerCertificate is null || !Certificates.CertificateChain.LoadLeaf(response.ServerCertificate).RawData.AsSpan().SequenceEqual(_serverCertificate!.RawData))
            {
                throw new OpcUaException(StatusCodes.BadCertificateInvalid, "The server's CreateSession certificate differs from its endpoint certificate.");
            }

            SessionSecurity.VerifyServerSignature(_policy, _serverCertificate, _clientCertificate?.RawData, clientNonce, response.ServerSignature);
        }

        _authenticationToken = response.AuthenticationToken;
        _serverNonce = response.ServerNonce;
        SessionId = response.SessionId;
        SessionTimeout = TimeSpan.FromMilliseconds(response.RevisedSessionTimeout);
        try
        {
            await ActivateSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException)
        {
            // A session that could not be activated would linger on the server until it times out.
            try
            {
                await SendAsync<CloseSessionResponse>(new CloseSessionRequest { DeleteSubscriptions = true }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (OpcUaException)
            {
            }

            _authenticationToken = NodeId.Null;
            SessionId = NodeId.Null;
            throw;
        }
    }

    private async Task ActivateSessionAsync(CancellationToken cancellationToken)
    {
        var endpoint = _endpoint!;
        var tokenPolicy = EndpointSelector.SelectTokenPolicy(endpoint, _options.Identity);
        IEncodeable token = _options.Identity.IsAnonymous
            ? new AnonymousIdentityToken { PolicyId = tokenPolicy.PolicyId }
            : SessionSecurity.CreateUserNameToken(tokenPolicy, _policy, _options.Identity.UserName!, _options.Identity.Password!, _serverCertificate, _serverNonce);

        ActivateSessionResponse response;
        try
        {
            response = await SendAsync<ActivateSessionResponse>(new ActivateSessionRequest
            {
                ClientSignature = SessionSecurity.CreateClientSignature(_policy, _clientCertificate, endpoint.ServerCertificate is { Length: > 0 } ? _serverCertificate?.RawData : null, _serverNonce),
                LocaleIds = ["en"],
                UserIdentityToken = new ExtensionObject(token),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException exception) when (exception.StatusCode.CodeWithoutInfoBits is StatusCodes.BadUserAccessDenied or StatusCodes.BadIdentityTokenRejected or StatusCodes.BadIdentityTokenInvalid)
        {
            throw new OpcUaException(exception.StatusCode, $"The server rejected {_options.Identity} (wrong user name or password, or the user is not allowed).", exception);
        }

        _serverNonce = response.ServerNonce;
    }

    private async Task ReadServerInfoAsync(CancellationToken cancellationToken)
    {
        var ids = new[]
        {
            WellKnownNodeIds.ServerNamespaceArray,
            WellKnownNodeIds.MaxNodesPerRead,
            WellKnownNodeIds.MaxNodesPerWrite,
            WellKnownNodeIds.MaxNodesPerBrowse,
            WellKnownNodeIds.MaxNodesPerTranslateBrowsePathsToNodeIds,
            WellKnownNodeIds.MaxMonitoredItemsPerCall,
        };
        var response = await SendAsync<ReadResponse>(new ReadRequest
        {
            NodesToRead = ids.Select(id => new ReadValueId { NodeId = id, AttributeId = AttributeIds.Value }).ToArray(),
            TimestampsToReturn = TimestampsToReturn.Neither,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        var results = response.Results;
        NamespaceUris = results.Count > 0 && results[0].Value.Value is string?[] uris ? uris.Select(u => u ?? string.Empty).ToArray() : [];
        OperationLimits = new OperationLimits
        {
            MaxNodesPerRead = Limit(results, 1),
            MaxNodesPerWrite = Limit(results, 2),
            MaxNodesPerBrowse = Limit(results, 3),
            MaxNodesPerTranslateBrowsePathsToNodeIds = Limit(results, 4),
            MaxMonitoredItemsPerCall = Limit(results, 5),
        };
    }

    private static uint Limit(IReadOnlyList<DataValue> results, int index) =>
        index < results.Count && results[index].StatusCode.IsGood && results[index].Value.TryGetDouble(out var value) && value > 0 ? (uint)Math.Min(value, uint.MaxValue) : 0;
}
