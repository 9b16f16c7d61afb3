namespace EdgeTwin.OpcUa.Security;

/// <summary>The derived keys of one security token: the client's (for what it sends) and the server's.</summary>
public sealed record ChannelKeys(SymmetricKeySet Client, SymmetricKeySet Server)
{
    /// <summary>No keys (SecurityPolicy None).</summary>
    public static ChannelKeys Empty { get; } = new(new SymmetricKeySet([], [], []), new SymmetricKeySet([], [], []));
}
