namespace EdgeTwin.OpcUa;

/// <summary>Maps built-in types to their CLR representation.</summary>
public static class BuiltInTypes
{
    /// <summary>The CLR type a scalar of the built-in type is held as, or null for <see cref="BuiltInType.Null"/>.</summary>
    public static Type? ClrType(BuiltInType type) => type switch
    {
        BuiltInType.Null => null,
        BuiltInType.Boolean => typeof(bool),
        BuiltInType.SByte => typeof(sbyte),
        BuiltInType.Byte => typeof(byte),
        BuiltInType.Int16 => typeof(short),
        BuiltInType.UInt16 => typeof(ushort),
        BuiltInType.Int32 => typeof(int),
        BuiltInType.UInt32 => typeof(uint),
        BuiltInType.Int64 => typeof(long),
        BuiltInType.UInt64 => typeof(ulong),
        BuiltInType.Float => typeof(float),
        BuiltInType.Double => typeof(double),
        BuiltInType.String => typeof(string),
        BuiltInType.DateTime => typeof(DateTime),
        BuiltInType.Guid => typeof(Guid),
        BuiltInType.ByteString => typeof(byte[]),
        BuiltInType.XmlElement => typeof(string),
        BuiltInType.NodeId => typeof(NodeId),
        BuiltInType.ExpandedNodeId => typeof(ExpandedNodeId),
        BuiltInType.StatusCode => typeof(StatusCode),
        BuiltInType.QualifiedName => typeof(QualifiedName),
        BuiltInType.LocalizedText => typeof(LocalizedText),
        BuiltInType.ExtensionObject => typeof(ExtensionObject),
        BuiltInType.DataValue => typeof(DataValue),
        BuiltInType.Variant => typeof(Variant),
        BuiltInType.DiagnosticInfo => typeof(DiagnosticInfo),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a built-in type."),
    };

    /// <summary>True for the types whose scalar value may be null (String, ByteString, XmlElement, ExtensionObject, DataValue, DiagnosticInfo).</summary>
    public static bool IsNullable(BuiltInType type) => type is BuiltInType.String or BuiltInType.ByteString or BuiltInType.XmlElement
        or BuiltInType.ExtensionObject or BuiltInType.DataValue or BuiltInType.DiagnosticInfo;

    /// <summary>The built-in type whose NodeId in namespace 0 is the given data type id (1..25), if any.</summary>
    public static BuiltInType? FromDataTypeId(NodeId dataType)
    {
        if (dataType.NamespaceIndex == 0 && dataType.IdType == NodeIdType.Numeric && dataType.NumericIdentifier is >= 1 and <= 25)
        {
            return (BuiltInType)dataType.NumericIdentifier;
        }

        return null;
    }
}
