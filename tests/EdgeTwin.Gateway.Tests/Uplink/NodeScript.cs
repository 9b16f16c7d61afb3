using System.Diagnostics;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>Runs a script of tests/peers with node to its end and returns its exit code and standard output.</summary>
internal static class NodeScript
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string script, params string[] args)
    {
        var node = PeerProcess.Resolve("node") ?? throw new InvalidOperationException("node is not installed: run tests/run.sh");
        if (!Directory.Exists(Path.Combine(RepoPaths.NodePeers, "node_modules", "sparkplug-payload")))
        {
            throw new InvalidOperationException("the npm peer sparkplug-payload is not installed in tests/peers/node: run tests/run.sh");
        }

        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Peers, script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
