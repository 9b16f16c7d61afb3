using System.CommandLine;
using System.Globalization;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>
/// The hidden <c>edgetwin bench opcua-server --items N --interval 100ms [--max-per-publish M] [--port P]</c> that <c>bench opcua --server
/// ours</c> runs as a child process, so that its CPU is measured apart from the gateway's: it prints
/// <c>READY endpointUrl</c> once listening, then <c>STATS ticks=.. sent=.. dropped=.. ms=..</c> four times a second
/// (ms: a monotonic clock, so that a rate does not depend on when the parent reads the line), and serves until
/// SIGTERM.
/// </summary>
public static class BenchUaServerCommand
{
    /// <summary>Start of the line that gives the endpoint URL.</summary>
    public const string Ready = "READY ";

    /// <summary>Start of the lines with the figures so far.</summary>
    public const string Stats = "STATS ";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "Variables ns=1;s=Bench.0 .. Bench.N-1", DefaultValueFactory = _ => 10_000 };
        var interval = new Option<string>("--interval") { Description = "How often every variable changes", DefaultValueFactory = _ => "100ms" };
        var maxPerPublish = new Option<int>("--max-per-publish") { Description = "Most notifications in a Publish response (0: as many as the client takes)" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: a free one)" };
        var values = new Option<string>("--values") { Description = "counter: every value is the tick count; noisy: plus a fraction in thousandths per variable and tick, like sensor data", DefaultValueFactory = _ => OpcUaBenchmarkOptions.Counter };
        values.AcceptOnlyFromAmong(OpcUaBenchmarkOptions.Counter, OpcUaBenchmarkOptions.Noisy);
        var command = new Command("opcua-server", "Serve N OPC UA variables changing every interval on 127.0.0.1 until stopped (used by bench opcua --server ours)") { items, interval, maxPerPublish, port, values };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(interval);
            if (!Durations.TryParse(text, out var every) || every < TimeSpan.FromMilliseconds(1))
            {
                Console.Error.WriteLine($"--interval: '{text}' is not a duration of at least 1ms (e.g. 100ms)");
                return GatewayCommands.ConfigErrorExit;
            }

            var count = parse.GetValue(items);
            if (count is < 1 or > 100_000)
            {
                Console.Error.WriteLine($"--items: {count} is not between 1 and 100000");
                return GatewayCommands.ConfigErrorExit;
            }

            var cap = parse.GetValue(maxPerPublish);
            if (cap < 0)
            {
                Console.Error.WriteLine($"--max-per-publish: {cap} must not be negative");
                return GatewayCommands.ConfigErrorExit;
            }

            await using var server = new BenchUaServer(count, every, cap, parse.GetValue(values) == OpcUaBenchmarkOptions.Noisy) { Log = line => Console.Error.WriteLine(line) };
            server.Start(parse.GetValue(port));
            Console.Out.WriteLine(Ready + server.EndpointUrl);
            Console.Out.Flush();
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stats}ticks={server.Ticks} sent={server.NotificationsSent} dropped={server.MessagesDropped} ms={Environment.TickCount64}"));
                    Console.Out.Flush();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }

    /// <summary>
    /// Notifications per second the peer sent between two of its <see cref="Stats"/> lines (by its own clock), or
    /// null when a line lacks the figures or the second is not later.
    /// </summary>
    public static double? SentPerSecond(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (Field(before, "sent=") is not { } sent0 || Field(after, "sent=") is not { } sent1
            || Field(before, "ms=") is not { } ms0 || Field(after, "ms=") is not { } ms1 || ms1 <= ms0)
        {
            return null;
        }

        return (sent1 - sent0) * 1000.0 / (ms1 - ms0);
    }

    private static long? Field(string line, string name)
    {
        foreach (var field in line.Split(' '))
        {
            if (field.StartsWith(name, StringComparison.Ordinal) && long.TryParse(field.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
