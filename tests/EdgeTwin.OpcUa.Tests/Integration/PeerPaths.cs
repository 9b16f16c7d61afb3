namespace EdgeTwin.OpcUa.Tests.Integration;

internal static class PeerPaths
{
    private static readonly Lazy<string> Peers = new(Find);

    public static string PeersDirectory => Peers.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "peers");
            if (File.Exists(Path.Combine(candidate, "opcua_server.js")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node", "node_modules", "node-opcua")))
                {
                    throw new InvalidOperationException($"node-opcua is not installed in {Path.Combine(candidate, "node")}: run tests/run.sh.");
                }

                return candidate;
            }
        }

        throw new InvalidOperationException("tests/peers/opcua_server.js not found above " + AppContext.BaseDirectory);
    }
}
