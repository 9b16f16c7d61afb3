namespace EdgeTwin.Modbus.Tests.Peers;

/// <summary>A virtual serial cable: two linked ptys made by socat in a temp dir (A for the server, B for the client).</summary>
internal sealed class SocatPair : IDisposable
{
    private readonly PeerProcess _socat;

    private SocatPair(string directory, PeerProcess socat)
    {
        Directory = directory;
        _socat = socat;
    }

    public string Directory { get; }

    public string A => Path.Combine(Directory, "ttyA");

    public string B => Path.Combine(Directory, "ttyB");

    public static async Task<SocatPair> StartAsync()
    {
        PeerPaths.Require(PeerPaths.Socat, "socat");
        var directory = System.IO.Directory.CreateTempSubdirectory("edgetwin-modbus-pty-").FullName;
        var socat = PeerProcess.Start(PeerPaths.Socat,
            ["-d", "-d", $"pty,raw,echo=0,link={directory}/ttyA", $"pty,raw,echo=0,link={directory}/ttyB"],
            "starting data transfer loop");
        var pair = new SocatPair(directory, socat);
        try
        {
            await socat.WaitReadyAsync(TimeSpan.FromSeconds(10));
            if (!File.Exists(pair.A) || !File.Exists(pair.B))
            {
                throw new InvalidOperationException($"socat did not create {pair.A} and {pair.B}:\n{socat.Output}");
            }
        }
        catch
        {
            pair.Dispose();
            throw;
        }

        return pair;
    }

    public void Dispose()
    {
        _socat.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // socat removes its links on exit; the directory may briefly still be busy.
        }
    }
}
