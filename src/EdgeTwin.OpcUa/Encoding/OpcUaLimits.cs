namespace EdgeTwin.OpcUa.Encoding;

/// <summary>
/// Every bound the client applies to what it receives and sends, in one place. Decoders never allocate or
/// recurse beyond these; the transport advertises the buffer, message and chunk limits in its Hello.
/// </summary>
public sealed record OpcUaLimits
{
    /// <summary>The defaults: 64 KiB chunks, 16 MiB messages, 1 MiB strings, 100,000 array elements, depth 32.</summary>
    public static OpcUaLimits Default { get; } = new();

    /// <summary>Longest string in bytes (UTF-8).</summary>
    public int MaxStringLength { get; init; } = 1 << 20;

    /// <summary>Longest ByteString in bytes (certificates, nonces, opaque bodies).</summary>
    public int MaxByteStringLength { get; init; } = 4 << 20;

    /// <summary>Most elements in one array.</summary>
    public int MaxArrayLength { get; init; } = 100_000;

    /// <summary>Largest message body (all chunks together) sent or received.</summary>
    public int MaxMessageSize { get; init; } = 16 << 20;

    /// <summary>Most chunks in one received message.</summary>
    public int MaxChunkCount { get; init; } = 1024;

    /// <summary>Largest chunk the client accepts (advertised as ReceiveBufferSize; at least 8192).</summary>
    public int ReceiveBufferSize { get; init; } = 65536;

    /// <summary>Largest chunk the client sends (advertised as SendBufferSize; at least 8192).</summary>
    public int SendBufferSize { get; init; } = 65536;

    /// <summary>Deepest nesting of Variants, DataValues, ExtensionObjects and DiagnosticInfos.</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>Checks that the limits are usable; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public OpcUaLimits Validate()
    {
        Require(MaxStringLength > 0, nameof(MaxStringLength));
        Require(MaxByteStringLength > 0, nameof(MaxByteStringLength));
        Require(MaxArrayLength > 0, nameof(MaxArrayLength));
        Require(MaxMessageSize >= 8192, nameof(MaxMessageSize));
        Require(MaxChunkCount > 0, nameof(MaxChunkCount));
        Require(ReceiveBufferSize >= 8192, nameof(ReceiveBufferSize));
        Require(SendBufferSize >= 8192, nameof(SendBufferSize));
        Require(MaxNestingDepth is > 0 and <= 1000, nameof(MaxNestingDepth));
        return this;
    }

    private static void Require(bool condition, string name)
    {
        if (!condition)
        {
            throw new ArgumentException($"OPC UA limit {name} is out of range.", name);
        }
    }
}
