using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Tests.Integration;

[Collection(OpcUaServerCollection.Name)]
public sealed class SecurityIntegrationTests(OpcUaServerFixture fixture)
{
    private static readonly NodeId Setpoint = NodeId.Parse("ns=1;s=Plant.Setpoint");

    public static TheoryData<string, MessageSecurityMode, bool> Combinations() => new()
    {
        { "None", MessageSecurityMode.None, true },
        { "Basic256Sha256", MessageSecurityMode.Sign, false },
        { "Basic256Sha256", MessageSecurityMode.Sign, true },
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt, false },
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt, true },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt, true },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt, true },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_policy_and_mode_reads_and_writes(string policy, MessageSecurityMode mode, bool withUser)
    {
        var identity = withUser ? UserIdentity.FromUserName("user1", "password1") : UserIdentity.Anonymous;
        await using var client = await fixture.ConnectAsync(fixture.Options(policy, mode, identity));

        Assert.Equal(SecurityPolicyUris.Resolve(policy), client.CurrentChannel!.Policy.Uri);
        Assert.Equal(mode, client.CurrentChannel.Mode);
        var target = Math.Round(Random.Shared.NextDouble() * 100, 3);
        Assert.True((await client.WriteValueAsync(Setpoint, target)).IsGood);
        Assert.Equal(target, (await client.ReadValueAsync(Setpoint)).Value.Value);
        // An 80 KB array crosses many signed/encrypted chunks in both directions.
        var values = Enumerable.Range(0, 10_000).Select(i => i + target).ToArray();
        Assert.True((await client.WriteValueAsync(NodeId.Parse("ns=1;s=Plant.Buffer"), Variant.FromArray(values, BuiltInType.Double))).IsGood);
        Assert.Equal(values, (double[])(await client.ReadValueAsync(NodeId.Parse("ns=1;s=Plant.Buffer"))).Value.Value!);
    }

    [Theory]
    [InlineData("None", MessageSecurityMode.None)]
    [InlineData("Basic256Sha256", MessageSecurityMode.SignAndEncrypt)]
    public async Task Secure_channel_token_is_renewed_before_it_expires(string policy, MessageSecurityMode mode)
    {
        await using var client = await fixture.ConnectAsync(fixture.Options(policy, mode) with { SecureChannelLifetime = TimeSpan.FromSeconds(2) });
        var channel = client.CurrentChannel!;
        var firstToken = channel.CurrentTokenId;
        var deadline = DateTime.UtcNow.AddSeconds(4);
        while (DateTime.UtcNow < deadline)
        {
            Assert.True((await client.ReadValueAsync(Setpoint)).StatusCode.IsGood);
            await Task.Delay(100);
        }

        Assert.Same(channel, client.CurrentChannel);
        Assert.True(channel.IsOpen);
        Assert.True(channel.CurrentTokenId > firstToken, $"token {channel.CurrentTokenId} was not renewed (lifetime {channel.TokenLifetime})");
    }

    [Theory]
    [InlineData("None", MessageSecurityMode.None)]
    [InlineData("Basic256Sha256", MessageSecurityMode.SignAndEncrypt)]
    public async Task Wrong_password_is_rejected_with_BadUserAccessDenied(string policy, MessageSecurityMode mode)
    {
        var client = new OpcUaClient(fixture.Options(policy, mode, UserIdentity.FromUserName("user1", "not-the-password")));

        var error = await Assert.ThrowsAsync<OpcUaException>(() => client.ConnectAsync());

        Assert.Equal(StatusCodes.BadUserAccessDenied, error.StatusCode.CodeWithoutInfoBits);
        Assert.Contains("user 'user1'", error.Message);
        Assert.DoesNotContain("not-the-password", error.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Untrusted_server_certificate_is_rejected_until_moved_into_trusted()
    {
        var pki = Directory.CreateTempSubdirectory("edgetwin-opcua-untrusted-").FullName;
        try
        {
            var options = fixture.Options("Basic256Sha256", MessageSecurityMode.SignAndEncrypt) with { PkiRoot = pki };
            var error = await Assert.ThrowsAsync<OpcUaCertificateException>(() => new OpcUaClient(options).ConnectAsync());

            Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
            Assert.NotNull(error.RejectedFile);
            Assert.True(File.Exists(error.RejectedFile));
            Assert.Contains(error.RejectedFile, error.Message);
            Assert.Contains(Path.Combine(pki, "trusted"), error.Message);
            Assert.True(File.Exists(Path.Combine(pki, "own", "certs", "edgetwin.der")));

            File.Move(error.RejectedFile, Path.Combine(pki, "trusted", Path.GetFileName(error.RejectedFile)));
            await using var client = new OpcUaClient(options);
            await client.ConnectAsync();
            Assert.True(client.IsConnected);
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task AutoAccept_trusts_an_unknown_server_certificate()
    {
        var pki = Directory.CreateTempSubdirectory("edgetwin-opcua-autoaccept-").FullName;
        try
        {
            var options = fixture.Options("Basic256Sha256", MessageSecurityMode.Sign) with { PkiRoot = pki, AutoAcceptUntrustedCertificates = true };
            await using var client = new OpcUaClient(options);
            await client.ConnectAsync();

            Assert.True(client.IsConnected);
            Assert.Single(Directory.GetFiles(Path.Combine(pki, "trusted")));
            Assert.Empty(Directory.GetFiles(Path.Combine(pki, "rejected")));
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task Unsupported_endpoint_combination_names_what_the_server_offers()
    {
        var options = fixture.Options("Basic256Sha256", MessageSecurityMode.Sign);
        var endpoints = await OpcUaClient.GetEndpointsAsync(options);

        var error = Assert.Throws<OpcUaException>(() => EndpointSelector.Select(endpoints, SecurityPolicyUris.Basic256Sha256, MessageSecurityMode.Invalid));

        Assert.Equal(StatusCodes.BadSecurityPolicyRejected, error.StatusCode.Code);
        Assert.Contains("Basic256Sha256/SignAndEncrypt", error.Message);
    }
}
