namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>One gateway (no token) shared by the tests of a class.</summary>
public sealed class OpenGateway : IAsyncLifetime
{
    public GatewayHttpFixture Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayHttpFixture.StartAsync();
        await Gateway.WaitFirstDataAsync();
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>One gateway with an access token shared by the tests of a class.</summary>
public sealed class TokenGateway : IAsyncLifetime
{
    public GatewayHttpFixture Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayHttpFixture.StartAsync(withToken: true);
        await Gateway.WaitFirstDataAsync();
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
