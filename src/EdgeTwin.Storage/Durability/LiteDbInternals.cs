namespace EdgeTwin.Storage;

/// <summary>What the reflection into LiteDB's internals relies on when the program is trimmed.</summary>
internal static class LiteDbInternals
{
    /// <summary>Justification for reading LiteDB's private members by reflection in a trimmed program.</summary>
    public const string Kept =
        "The LiteDB members read by reflection are kept in the trimmed, ahead-of-time compiled package by the DynamicDependency attributes beside each use; a missing member fails loudly at open, or yields no figure for the cache probe.";
}
