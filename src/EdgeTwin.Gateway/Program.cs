using System.CommandLine;
using EdgeTwin.Gateway.Cli;

namespace EdgeTwin.Gateway;

/// <summary>The <c>edgetwin</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("EdgeTwin: an edge gateway with a digital twin of every asset");
        root.Subcommands.Add(GatewayCommands.Run());
        root.Subcommands.Add(GatewayCommands.CheckConfig());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ModelCommands.Model());
        root.Subcommands.Add(ModelCommands.Eval());
        root.Subcommands.Add(ModbusCommand.Create());
        root.Subcommands.Add(FuzzCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(LearnCommand.Create());
        root.Subcommands.Add(OptimizeCliCommand.Create());
        root.Subcommands.Add(CapacityCliCommand.Create());
        root.Subcommands.Add(I2cCommand.Create());
        root.Subcommands.Add(OpcUaCommand.Create());

        // The host handles SIGTERM/SIGINT itself (and tells systemd); the parser must not race it.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
    }
}
