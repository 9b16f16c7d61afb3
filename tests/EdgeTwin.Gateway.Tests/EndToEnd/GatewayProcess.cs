using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.EndToEnd;

/// <summary>The real <c>edgetwin</c> executable run as a child process (for signals and crash tests).</summary>
internal static class GatewayProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "edgetwin.dll");

    public static PeerProcess Start(params string[] args) => PeerProcess.Start("dotnet", [Dll, .. args]);

    public static async Task<(int Exit, string Output)> RunToEndAsync(params string[] args)
    {
        await using var process = Start(args);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (process.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var exit = await process.TerminateAsync(TimeSpan.FromSeconds(5));
        return (exit, process.Output);
    }
}
