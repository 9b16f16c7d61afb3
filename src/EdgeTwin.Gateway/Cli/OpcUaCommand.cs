using System.CommandLine;
using System.Net.Sockets;
using EdgeTwin.Acquisition.OpcUa;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Browsing;
using EdgeTwin.OpcUa.Client;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin opcua browse --endpoint URL [--node ns=0;i=85] [--depth 3]</c> prints the address space as a tree with
/// node ids, data types and current values; <c>edgetwin opcua read URL NODEID</c> prints one value. Both take the
/// security options of a device (policy, mode, user, password file, PKI folder, auto-accept), for commissioning.
/// </summary>
public static class OpcUaCommand
{
    /// <summary>Exit code when the server cannot be reached, refuses the session or the operation.</summary>
    public const int ServerErrorExit = 1;

    /// <summary>Exit code for invalid options.</summary>
    public const int UsageErrorExit = 2;

    /// <summary>Creates <c>opcua</c> with its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("opcua", "Look into an OPC UA server (browse the address space, read a node)");
        command.Subcommands.Add(Browse());
        command.Subcommands.Add(Read());
        return command;
    }

    private sealed class SecurityOptions
    {
        public Option<string> Policy { get; } = new("--security-policy") { Description = "None, Basic256Sha256, Aes128_Sha256_RsaOaep", DefaultValueFactory = _ => "None" };

        public Option<string> Mode { get; } = new("--security-mode") { Description = "None, Sign or SignAndEncrypt", DefaultValueFactory = _ => "None" };

        public Option<string?> Username { get; } = new("--username") { Description = "User name (anonymous without it)" };

        public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "File holding the user's password" };

        public Option<string?> Pki { get; } = new("--pki") { Description = "PKI folder (own/, trusted/, rejected/); default ./data/pki like the gateway's default" };

        public Option<bool> AutoAccept { get; } = new("--auto-accept") { Description = "Trust the server certificate without asking (adds it to trusted/)" };

        public void AddTo(Command command)
        {
            command.Options.Add(Policy);
            command.Options.Add(Mode);
            command.Options.Add(Username);
            command.Options.Add(PasswordFile);
            command.Options.Add(Pki);
            command.Options.Add(AutoAccept);
        }

        public OpcUaClientOptions ToClientOptions(ParseResult parse, string endpoint)
        {
            var config = new OpcUaDeviceConfig
            {
                Endpoint = endpoint,
                SecurityPolicy = parse.GetValue(Policy) ?? "None",
                SecurityMode = parse.GetValue(Mode) ?? "None",
                Username = parse.GetValue(Username),
                PasswordFile = parse.GetValue(PasswordFile),
                AutoAcceptServerCertificate = parse.GetValue(AutoAccept),
            };
            var pki = parse.GetValue(Pki) ?? DeviceSourceFactory.DefaultOpcUaPki(null);
            return OpcUaSourceFactory.CreateOptions(config, pki, "EdgeTwin CLI", "options") with { OperationTimeout = TimeSpan.FromSeconds(10) };
        }
    }

    private static Command Browse()
    {
        var security = new SecurityOptions();
        var endpoint = new Option<string>("--endpoint", "-e") { Description = "Server endpoint, e.g. opc.tcp://127.0.0.1:4840", Required = true };
        var node = new Option<string>("--node", "-n") { Description = "Start node", DefaultValueFactory = _ => "ns=0;i=85" };
        var depth = new Option<int>("--depth", "-d") { Description = "Levels below the start node", DefaultValueFactory = _ => 3 };
        var command = new Command("browse", "Print the address space below a node as a tree with node ids, data types and values") { endpoint, node, depth };
        security.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, "browse", security, parse.GetRequiredValue(endpoint), parse.GetValue(node) ?? "ns=0;i=85", async (client, start, token) =>
        {
            if (parse.GetValue(depth) < 0)
            {
                throw new ArgumentException("--depth must be 0 or more.");
            }

            var tree = await new AddressSpaceBrowser(client).BrowseTreeAsync(start, new BrowseTreeOptions { Depth = parse.GetValue(depth) }, token).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.Write(AddressSpaceTreeRenderer.Render(tree));
        }, ct));
        return command;
    }

    private static Command Read()
    {
        var security = new SecurityOptions();
        var endpoint = new Argument<string>("url") { Description = "Server endpoint, e.g. opc.tcp://127.0.0.1:4840" };
        var node = new Argument<string>("nodeid") { Description = "Node to read, e.g. ns=1;s=Temperature" };
        var command = new Command("read", "Read the value of one node") { endpoint, node };
        security.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, "read", security, parse.GetRequiredValue(endpoint), parse.GetRequiredValue(node), async (client, nodeId, token) =>
        {
            var value = await client.ReadValueAsync(nodeId, token).ConfigureAwait(false);
            var text = value.StatusCode.IsBad ? "<no value>" : value.Value.ToString();
            parse.InvocationConfiguration.Output.WriteLine($"{nodeId} = {text} ({value.Value.Type}) {value.StatusCode.Name} {value.SourceTimestamp ?? value.ServerTimestamp:O}");
            if (value.StatusCode.IsBad)
            {
                throw new OpcUaException(value.StatusCode, $"reading {nodeId} failed");
            }
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string verb, SecurityOptions security, string endpoint, string nodeText, Func<OpcUaClient, NodeId, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        OpcUaClientOptions options;
        NodeId nodeId;
        try
        {
            options = security.ToClientOptions(parse, endpoint);
            if (!NodeId.TryParse(nodeText, out nodeId))
            {
                throw new ArgumentException($"'{nodeText}' is not a NodeId (e.g. ns=1;s=Temperature or i=85).");
            }
        }
        catch (ArgumentException ex)
        {
            return Fail(parse, verb, ex.Message, UsageErrorExit);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await using var client = new OpcUaClient(options);
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            await action(client, nodeId, timeout.Token).ConfigureAwait(false);
            await client.CloseAsync(deleteSubscriptions: true, timeout.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OpcUaCertificateException ex) when (ex.RejectedFile is not null)
        {
            var trusted = Path.Combine(options.PkiRoot!, "trusted");
            return Fail(parse, verb, $"the server certificate is not trusted ({ex.StatusCode.Name}); to trust it: mv '{ex.RejectedFile}' '{trusted}/' (or pass --auto-accept)");
        }
        catch (OpcUaException ex) when (ex.StatusCode.Code is StatusCodes.BadUserAccessDenied or StatusCodes.BadIdentityTokenRejected or StatusCodes.BadIdentityTokenInvalid)
        {
            return Fail(parse, verb, $"the server refused {options.Identity} ({ex.StatusCode.Name}): check --username and --password-file");
        }
        catch (OpcUaException ex)
        {
            return Fail(parse, verb, $"{endpoint}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return Fail(parse, verb, $"{endpoint} is unreachable: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            return Fail(parse, verb, ex.Message, UsageErrorExit);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(parse, verb, $"{endpoint} did not answer within 60 s");
        }
    }

    private static int Fail(ParseResult parse, string verb, string message, int exitCode = ServerErrorExit)
    {
        parse.InvocationConfiguration.Error.WriteLine($"edgetwin opcua {verb}: {message}");
        return exitCode;
    }
}
