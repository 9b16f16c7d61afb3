namespace EdgeTwin.OpcUa;

/// <summary>The OPC UA built-in data types with their binary type ids (OPC 10000-6 §5.1.2).</summary>
public enum BuiltInType : byte
{
    /// <summary>No value.</summary>
    Null = 0,

    /// <summary>bool.</summary>
    Boolean = 1,

    /// <summary>sbyte.</summary>
    SByte = 2,

    /// <summary>byte.</summary>
    Byte = 3,

    /// <summary>short.</summary>
    Int16 = 4,

    /// <summary>ushort.</summary>
    UInt16 = 5,

    /// <summary>int.</summary>
    Int32 = 6,

    /// <summary>uint.</summary>
    UInt32 = 7,

    /// <summary>long.</summary>
    Int64 = 8,

    /// <summary>ulong.</summary>
    UInt64 = 9,

    /// <summary>float.</summary>
    Float = 10,

    /// <summary>double.</summary>
    Double = 11,

    /// <summary>string (UTF-8 on the wire).</summary>
    String = 12,

    /// <summary>DateTime (UTC, 100 ns ticks since 1601).</summary>
    DateTime = 13,

    /// <summary>Guid.</summary>
    Guid = 14,

    /// <summary>byte[].</summary>
    ByteString = 15,

    /// <summary>An XML fragment, held as a string.</summary>
    XmlElement = 16,

    /// <summary><see cref="OpcUa.NodeId"/>.</summary>
    NodeId = 17,

    /// <summary><see cref="OpcUa.ExpandedNodeId"/>.</summary>
    ExpandedNodeId = 18,

    /// <summary><see cref="OpcUa.StatusCode"/>.</summary>
    StatusCode = 19,

    /// <summary><see cref="OpcUa.QualifiedName"/>.</summary>
    QualifiedName = 20,

    /// <summary><see cref="OpcUa.LocalizedText"/>.</summary>
    LocalizedText = 21,

    /// <summary><see cref="OpcUa.ExtensionObject"/>.</summary>
    ExtensionObject = 22,

    /// <summary><see cref="OpcUa.DataValue"/>.</summary>
    DataValue = 23,

    /// <summary><see cref="OpcUa.Variant"/> (only as array element).</summary>
    Variant = 24,

    /// <summary><see cref="OpcUa.DiagnosticInfo"/>.</summary>
    DiagnosticInfo = 25,
}
