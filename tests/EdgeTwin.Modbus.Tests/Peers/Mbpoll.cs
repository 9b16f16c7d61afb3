using System.Diagnostics;

namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>Runs mbpoll once (the independent reference master) and returns its output.</summary>
internal static class Mbpoll
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        PeerPaths.Require(PeerPaths.Mbpoll, "mbpoll");
        var info = new ProcessStartInfo(PeerPaths.Mbpoll)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // mbpoll's default 1 s response timeout is too short for a loaded CI machine; a test may still set its own.
        if (!arguments.Contains("-o"))
        {
            info.ArgumentList.Add("-o");
            info.ArgumentList.Add("5");
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("mbpoll hung: " + string.Join(' ', arguments));
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Values printed as "[address]: \tvalue" lines.</summary>
    public static Dictionary<int, string> ParseValues(string output)
    {
        var values = new Dictionary<int, string>();
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('['))
            {
                continue;
            }

            var close = trimmed.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(trimmed.AsSpan(1, close - 1), out var address))
            {
                continue;
            }

            values[address] = trimmed[(close + 2)..].Trim().Split(' ')[0];
        }

        return values;
    }
}
