namespace EdgeTwin.Testing;

/// <summary>Locates the repository's folders from a test's output directory.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding EdgeTwin.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/peers.</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers");

    /// <summary>tests/peers/node (npm peers, installed by tests/run.sh).</summary>
    public static string NodePeers => Path.Combine(Peers, "node");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeTwin.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EdgeTwin.sln not found above " + AppContext.BaseDirectory);
    }
}
