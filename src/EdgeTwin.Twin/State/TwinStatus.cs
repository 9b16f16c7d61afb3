namespace EdgeTwin.Twin.State;

/// <summary>How well an asset's twin reflects the real asset.</summary>
public enum TwinStatus
{
    /// <summary>Some properties have never been received.</summary>
    Initializing,
    /// <summary>Every property is fresh and good.</summary>
    Synchronized,
    /// <summary>Some property is older than its freshness limit.</summary>
    Stale,
    /// <summary>Some property is bad.</summary>
    Error,
}
