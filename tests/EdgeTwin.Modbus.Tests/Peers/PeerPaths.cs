namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>Where the peer scripts and tools live; a missing one fails the test with a hint.</summary>
internal static class PeerPaths
{
    public const string Python = "/usr/bin/python3";
    public const string Socat = "/usr/bin/socat";
    public const string Mbpoll = "/usr/bin/mbpoll";

    public static string PeersDirectory { get; } = FindPeers();

    public static string Script(string name)
    {
        var path = Path.Combine(PeersDirectory, name);
        return File.Exists(path) ? path : throw new InvalidOperationException($"Peer script {path} is missing.");
    }

    public static string NodeModules => Path.Combine(PeersDirectory, "node", "node_modules");

    public static void Require(string executable, string what)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{what} ({executable}) is not installed: run tests/run.sh (apt-get install python3-pymodbus socat mbpoll).");
        }
    }

    public static void RequireNodeModule(string module)
    {
        if (!Directory.Exists(Path.Combine(NodeModules, module)))
        {
            throw new InvalidOperationException($"npm package {module} is missing in {NodeModules}: run tests/run.sh (npm install modbus-serial@8.0.25).");
        }
    }

    public static string Node()
    {
        foreach (var candidate in new[] { "/usr/bin/node", "/usr/local/bin/node" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("node is not installed: run tests/run.sh.");
    }

    private static string FindPeers()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "peers");
            if (File.Exists(Path.Combine(candidate, "modbus_server.py")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/peers/modbus_server.py not found above " + AppContext.BaseDirectory);
    }
}
