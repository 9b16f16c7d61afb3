using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeTwin.Gateway.Tests.EndToEnd;
using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Deployment;

/// <summary>The real edgetwin process under a fake systemd: NOTIFY_SOCKET and WATCHDOG_USEC set as systemd sets them.</summary>
public sealed class SystemdProcessTests
{
    [Fact]
    public async Task Ready_comes_after_the_first_poll_cycle_then_the_watchdog_is_petted_until_sigterm()
    {
        using var dir = new TempDir();
        using var systemd = new FakeNotifySocket(dir.File("notify"));

        // A Modbus "server" that accepts and never answers: the first cycle ends only when the 2 s request timeout does.
        // A dedicated thread blocks in Accept, so the moment of the connection is not delayed by a busy thread pool.
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blackHole.Listen();
        var port = ((IPEndPoint)blackHole.LocalEndPoint!).Port;
        var acceptedAt = TimeSpan.MaxValue;
        var held = new List<Socket>();
        var acceptor = new Thread(() =>
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = blackHole.Accept();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                lock (held)
                {
                    acceptedAt = acceptedAt == TimeSpan.MaxValue ? systemd.Now : acceptedAt;
                    held.Add(client);
                }
            }
        }) { IsBackground = true };
        acceptor.Start();

        var config = dir.File("gw.yaml");
        await File.WriteAllTextAsync(config, $"""
            gateway:
              id: gw-watchdog
            storage:
              path: {dir.File("gw.db")}
            http:
              enabled: false
            devices:
              - id: plc1
                modbus: {"{"} host: 127.0.0.1, port: {port}, unit: 1 {"}"}
                poll: 1s
                timeout: 2s
                retries: 0
                points:
                  - {"{"} id: p, table: holding, address: 0, type: uint16 {"}"}
            """);

        await using var gateway = PeerProcess.Start("dotnet", [GatewayProcess.Dll, "run", "--config", config], dir.Path,
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = systemd.Path, ["WATCHDOG_USEC"] = "400000" });
        try
        {
            var ready = await systemd.WaitForAsync("READY=1", TimeSpan.FromSeconds(30), diagnostics: () => gateway.Output);
            Assert.True(acceptedAt != TimeSpan.MaxValue, "the gateway never connected to the device");
            Assert.True(ready - acceptedAt >= TimeSpan.FromSeconds(1.5),
                $"READY=1 came {(ready - acceptedAt).TotalSeconds:0.00} s after the device connection, before the 2 s timeout ended the first cycle");

            // WATCHDOG_USEC=400000: a pet every 200 ms while the loops move (the device is offline and retrying).
            await Task.Delay(TimeSpan.FromSeconds(2));
            var pets = systemd.Received.Count(r => r.At > ready && r.Text == "WATCHDOG=1");
            Assert.InRange(pets, 4, 14);

            Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));
            await systemd.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(5));
            Assert.Contains("systemd watchdog armed: petting every 0.2 s", gateway.Output, StringComparison.Ordinal);
        }
        finally
        {
            blackHole.Close();
            lock (held)
            {
                held.ForEach(s => s.Dispose());
            }

            acceptor.Join(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Logs_carry_journal_priorities_when_systemd_started_the_process()
    {
        using var dir = new TempDir();
        var config = dir.File("gw.yaml");
        await File.WriteAllTextAsync(config, $"gateway:\n  id: gw-journal\nstorage:\n  path: {dir.File("gw.db")}\nhttp:\n  enabled: false\n");

        // systemd ≥ 248 sets SYSTEMD_EXEC_PID to the service's main process; `exec` keeps the shell's pid for dotnet.
        await using var gateway = PeerProcess.Start("sh", ["-c", "SYSTEMD_EXEC_PID=$$ exec dotnet \"$0\" run --config \"$1\"", GatewayProcess.Dll, config], dir.Path);
        await gateway.WaitForOutputAsync("<6>Microsoft.Hosting.Lifetime", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(10)));

        // Warning (no uplink) at priority 4, information at 6; no console timestamps (the journal has its own).
        Assert.Contains("<4>EdgeTwin.Gateway.Hosting.UplinkService", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        using var edgetwin = Process.Start(new ProcessStartInfo("dotnet", [GatewayProcess.Dll, "--version"]) { RedirectStandardOutput = true })!;
        var output = await edgetwin.StandardOutput.ReadToEndAsync();
        await edgetwin.WaitForExitAsync();
        Assert.Equal(0, edgetwin.ExitCode);
        var match = System.Text.RegularExpressions.Regex.Match(output.Trim(), @"^\d+\.\d+\.\d+\+(?<commit>[0-9a-f]{7})$");
        Assert.True(match.Success, $"'{output.Trim()}' is not version+commit");

        using var git = Process.Start(new ProcessStartInfo("git", ["cat-file", "-t", match.Groups["commit"].Value])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        })!;
        var type = (await git.StandardOutput.ReadToEndAsync()).Trim();
        await git.WaitForExitAsync();
        Assert.Equal("commit", type);
    }
}
