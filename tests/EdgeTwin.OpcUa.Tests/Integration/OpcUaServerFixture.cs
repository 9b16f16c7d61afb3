using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Tests.Integration;

/// <summary>One node-opcua server shared by the integration tests, and a client PKI that trusts it.</summary>
public sealed class OpcUaServerFixture : IAsyncLifetime
{
    public NodeOpcUaServer? ServerOrNull { get; private set; }

    public NodeOpcUaServer Server => ServerOrNull ?? throw new InvalidOperationException("The node-opcua server did not start.");

    /// <summary>A client PKI whose trusted/ holds the server certificate.</summary>
    public string ClientPki { get; } = Directory.CreateTempSubdirectory("edgetwin-opcua-client-").FullName;

    public async Task InitializeAsync()
    {
        ServerOrNull = await NodeOpcUaServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(ClientPki, "trusted"));
        File.Copy(Server.CertificatePath, Path.Combine(ClientPki, "trusted", "test-server.pem"));
    }

    public async Task DisposeAsync()
    {
        if (ServerOrNull is not null)
        {
            await ServerOrNull.DisposeAsync();
        }

        Directory.Delete(ClientPki, recursive: true);
    }

    public OpcUaClientOptions Options(string policy = "None", MessageSecurityMode mode = MessageSecurityMode.None, UserIdentity? identity = null) => new()
    {
        EndpointUrl = Server.EndpointUrl,
        SecurityPolicy = policy,
        SecurityMode = mode,
        Identity = identity ?? UserIdentity.Anonymous,
        PkiRoot = ClientPki,
        OperationTimeout = TimeSpan.FromSeconds(10),
    };

    public async Task<OpcUaClient> ConnectAsync(OpcUaClientOptions options)
    {
        var client = new OpcUaClient(options);
        await client.ConnectAsync();
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class OpcUaServerCollection : ICollectionFixture<OpcUaServerFixture>
{
    public const string Name = "node-opcua server";
}
