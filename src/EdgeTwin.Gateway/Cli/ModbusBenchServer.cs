using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// The fast local Modbus TCP server of <c>edgetwin bench modbus</c>, run as a child process so that the figures are
/// the gateway's own CPU and allocations, not the server's. The child is this program again with the hidden
/// <c>bench modbus-server</c> command: it prints <c>READY port</c> and serves until its standard input closes.
/// </summary>
public static class ModbusBenchServer
{
    private const string Ready = "READY ";

    /// <summary>The hidden command the child runs.</summary>
    public static Command CreateCommand()
    {
        var command = new Command("modbus-server", "Serve holding registers on 127.0.0.1 until standard input closes (used by bench modbus)") { Hidden = true };
        command.SetAction(async (_, ct) =>
        {
            var store = new ModbusMemoryStore();
            store.AddUnit(1);
            await using var server = new ModbusTcpServer(store);
            await server.StartAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine(Ready + server.Port.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();

            // Serve until the parent closes our input (or dies).
            await Console.In.ReadToEndAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Starts the child server and returns it with its port; dispose to stop it.</summary>
    /// <exception cref="InvalidOperationException">The child did not start or did not say its port within 30 s.</exception>
    public static async Task<(Process Process, int Port)> StartAsync(CancellationToken cancellationToken)
    {
        var (file, prefix) = Bench.BenchChild.Self();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var arg in prefix.Concat(["bench", "modbus-server"]))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} bench modbus-server");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            if (line is null || !line.StartsWith(Ready, StringComparison.Ordinal) || !int.TryParse(line.AsSpan(Ready.Length), CultureInfo.InvariantCulture, out var port))
            {
                var error = await process.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
                throw new InvalidOperationException($"the bench Modbus server did not start: {line ?? "(no output)"} {error}".Trim());
            }

            return (process, port);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Stops the child: closes its input and waits, then kills it if it is still there.</summary>
    public static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
