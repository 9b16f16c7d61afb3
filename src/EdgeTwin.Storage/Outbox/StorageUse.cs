namespace EdgeTwin.Storage;

/// <summary>What the gateway's database takes on disk and in memory.</summary>
/// <param name="DataFileBytes">Size of the data file.</param>
/// <param name="LogFileBytes">Size of its write-ahead log file (emptied at each checkpoint).</param>
/// <param name="CacheBytes">LiteDB's page cache: bytes allocated for page buffers (null when unknown).</param>
/// <param name="CacheFreeBytes">Of those, bytes holding no page at the moment (null when unknown).</param>
/// <param name="CacheInUseBytes">Of those, pages being read or waiting for the disk writer (null when unknown).</param>
/// <param name="CacheWritableBytes">Of those, pages held by open transactions (null when unknown).</param>
public sealed record StorageUse(long DataFileBytes, long LogFileBytes, long? CacheBytes, long? CacheFreeBytes, long? CacheInUseBytes, long? CacheWritableBytes);
