namespace EdgeTwin.OpcUa;

/// <summary>The kind of identifier a <see cref="NodeId"/> carries (OPC 10000-3 §8.2.3).</summary>
public enum NodeIdType : byte
{
    /// <summary>A UInt32.</summary>
    Numeric = 0,

    /// <summary>A string.</summary>
    String = 1,

    /// <summary>A Guid.</summary>
    Guid = 2,

    /// <summary>A ByteString (opaque).</summary>
    Opaque = 3,
}
