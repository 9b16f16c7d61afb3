using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.OpcUa;

/// <summary><c>edgetwin opcua</c> as a child process against a real node-opcua server on loopback.</summary>
public sealed class OpcUaCliTests : IAsyncLifetime
{
    private readonly TempDir _serverPki = new();
    private readonly TempDir _clientPki = new();
    private readonly int _port = FreePort.Next();
    private PeerProcess? _server;

    private string Endpoint => $"opc.tcp://127.0.0.1:{_port}/UA/TestServer";

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(RepoPaths.NodePeers, "node_modules", "node-opcua")))
        {
            throw new InvalidOperationException($"node-opcua is not installed in {RepoPaths.NodePeers}: run tests/run.sh.");
        }

        _server = PeerProcess.Start("node", [Path.Combine(RepoPaths.Peers, "opcua_server.js"), _port.ToString(System.Globalization.CultureInfo.InvariantCulture), _serverPki.Path]);
        await _server.WaitForOutputAsync("READY ", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _serverPki.Dispose();
        _clientPki.Dispose();
    }

    [Fact]
    public async Task Read_prints_the_value_with_its_type_and_status()
    {
        var (exit, output) = await GatewayProcess.RunToEndAsync("opcua", "read", Endpoint, "ns=1;s=Plant.Many.Item7", "--pki", _clientPki.Path);

        Assert.True(exit == 0, output);
        Assert.Contains("ns=1;s=Plant.Many.Item7 = 7 (UInt32) Good", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_one_line_naming_the_file_to_move_and_then_read_works()
    {
        string[] secure = ["--security-policy", "Basic256Sha256", "--security-mode", "SignAndEncrypt", "--pki", _clientPki.Path];
        var (exit, output) = await GatewayProcess.RunToEndAsync(["opcua", "read", Endpoint, "ns=1;s=Plant.Many.Item7", .. secure]);

        Assert.Equal(1, exit);
        var rejected = Directory.GetFiles(Path.Combine(_clientPki.Path, "rejected"));
        var file = Assert.Single(rejected);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not trusted", line, StringComparison.Ordinal);
        Assert.Contains(file, line, StringComparison.Ordinal);

        File.Move(file, Path.Combine(_clientPki.Path, "trusted", Path.GetFileName(file)));
        (exit, output) = await GatewayProcess.RunToEndAsync(["opcua", "read", Endpoint, "ns=1;s=Plant.Many.Item7", .. secure]);
        Assert.True(exit == 0, output);
        Assert.Contains("= 7 (UInt32) Good", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_one_clear_line()
    {
        var passwordFile = Path.Combine(_clientPki.Path, "password.txt");
        Directory.CreateDirectory(_clientPki.Path);
        await File.WriteAllTextAsync(passwordFile, "wrong\n");

        var (exit, output) = await GatewayProcess.RunToEndAsync("opcua", "read", Endpoint, "ns=1;s=Plant.Many.Item7",
            "--security-policy", "Basic256Sha256", "--security-mode", "SignAndEncrypt", "--auto-accept",
            "--username", "user1", "--password-file", passwordFile, "--pki", _clientPki.Path);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("user 'user1'", line, StringComparison.Ordinal);
        Assert.Contains("BadUserAccessDenied", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browse_prints_the_plant_folder_with_node_ids_types_and_values()
    {
        var (exit, output) = await GatewayProcess.RunToEndAsync("opcua", "browse", "--endpoint", Endpoint, "--node", "ns=1;s=Plant.Many", "--depth", "1", "--pki", _clientPki.Path);

        Assert.True(exit == 0, output);
        Assert.Contains("Item007  ns=1;s=Plant.Many.Item7  Variable  UInt32 = 7", output, StringComparison.Ordinal);
    }
}
