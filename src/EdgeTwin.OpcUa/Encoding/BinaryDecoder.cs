using System.Buffers.Binary;

namespace EdgeTwin.OpcUa.Encoding;

/// <summary>
/// Reads UA Binary (OPC 10000-6 §5.2) from a buffer. Every length read from the wire is checked against
/// <see cref="OpcUaLimits"/> and against the bytes actually left, so random input can only produce an
/// <see cref="OpcUaDecodingException"/>, never an oversized allocation, a hang or a stack overflow.
/// </summary>
public sealed class BinaryDecoder
{
    private static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks - EpochTicks;

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly OpcUaLimits _limits;
    private int _position;
    private int _depth;

    /// <summary>Creates a decoder over a buffer.</summary>
    public BinaryDecoder(ReadOnlyMemory<byte> buffer, OpcUaLimits? limits = null)
    {
        _buffer = buffer;
        _limits = limits ?? OpcUaLimits.Default;
    }

    private BinaryDecoder(ReadOnlyMemory<byte> buffer, OpcUaLimits limits, int depth, bool tooDeep)
    {
        if (tooDeep)
        {
            throw new OpcUaDecodingException($"ExtensionObject nested deeper than MaxNestingDepth {limits.MaxNestingDepth}", 0, StatusCodes.BadEncodingLimitsExceeded);
        }

        _buffer = buffer;
        _limits = limits;
        _depth = depth;
    }

    /// <summary>The limits in force.</summary>
    public OpcUaLimits Limits => _limits;

    /// <summary>Bytes consumed so far.</summary>
    public int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public int Remaining => _buffer.Length - _position;

    /// <summary>Reads a Boolean (any non-zero byte is true).</summary>
    public bool ReadBoolean() => Take(1, "Boolean")[0] != 0;

    /// <summary>Reads an SByte.</summary>
    public sbyte ReadSByte() => unchecked((sbyte)Take(1, "SByte")[0]);

    /// <summary>Reads a Byte.</summary>
    public byte ReadByte() => Take(1, "Byte")[0];

    /// <summary>Reads an Int16.</summary>
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2, "Int16"));

    /// <summary>Reads a UInt16.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "UInt16"));

    /// <summary>Reads an Int32.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "Int32"));

    /// <summary>Reads a UInt32.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "UInt32"));

    /// <summary>Reads an Int64.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "Int64"));

    /// <summary>Reads a UInt64.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "UInt64"));

    /// <summary>Reads a Float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "Float"));

    /// <summary>Reads a Double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "Double"));

    /// <summary>Reads raw bytes (no length prefix).</summary>
    public ReadOnlySpan<byte> ReadRaw(int count, string what) => Take(count, what);

    /// <summary>Reads a String (Int32 byte length, -1 for null, then UTF-8).</summary>
    public string? ReadString() => ReadString("String");

    /// <summary>Reads a DateTime; values at or below the epoch give MinValue, beyond the range MaxValue.</summary>
    public DateTime ReadDateTime()
    {
        var ticks = ReadInt64();
        if (ticks <= 0)
        {
            return DateTime.MinValue;
        }

        return ticks >= MaxTicks ? DateTime.MaxValue : new DateTime(EpochTicks + ticks, DateTimeKind.Utc);
    }

    /// <summary>Reads a Guid.</summary>
    public Guid ReadGuid() => new(Take(16, "Guid"));

    /// <summary>Reads a ByteString (Int32 length, -1 for null).</summary>
    public byte[]? ReadByteString()
    {
        var start = _position;
        var length = ReadInt32();
        if (length < 0)
        {
            return null;
        }

        if (length > _limits.MaxByteStringLength)
        {
            throw new OpcUaDecodingException($"ByteString length {length} exceeds MaxByteStringLength {_limits.MaxByteStringLength}", start, StatusCodes.BadEncodingLimitsExceeded);
        }

        return Take(length, "ByteString").ToArray();
    }

    /// <summary>Reads an XmlElement as a string.</summary>
    public string? ReadXmlElement() => ReadString("XmlElement");

    /// <summary>Reads a NodeId in any of its six encodings.</summary>
    public NodeId ReadNodeId()
    {
        var start = _position;
        var encoding = ReadByte();
        if ((encoding & 0xC0) != 0)
        {
            throw new OpcUaDecodingException($"NodeId encoding byte 0x{encoding:X2} has ExpandedNodeId flags", start);
        }

        return ReadNodeIdBody(encoding, start);
    }

    /// <summary>Reads an ExpandedNodeId.</summary>
    public ExpandedNodeId ReadExpandedNodeId()
    {
        var start = _position;
        var encoding = ReadByte();
        var nodeId = ReadNodeIdBody((byte)(encoding & 0x3F), start);
        var namespaceUri = (encoding & 0x80) != 0 ? ReadString("ExpandedNodeId.NamespaceUri") : null;
        var serverIndex = (encoding & 0x40) != 0 ? ReadUInt32() : 0;
        return new ExpandedNodeId(nodeId, namespaceUri, serverIndex);
    }

    /// <summary>Reads a StatusCode.</summary>
    public StatusCode ReadStatusCode() => new(ReadUInt32());

    /// <summary>Reads a QualifiedName.</summary>
    public QualifiedName ReadQualifiedName()
    {
        var ns = ReadUInt16();
        return new QualifiedName(ns, ReadString("QualifiedName.Name"));
    }

    /// <summary>Reads a LocalizedText.</summary>
    public LocalizedText ReadLocalizedText()
    {
        var mask = ReadByte();
        var locale = (mask & 0x01) != 0 ? ReadString("LocalizedText.Locale") : null;
        var text = (mask & 0x02) != 0 ? ReadString("LocalizedText.Text") : null;
        return new LocalizedText(locale, text);
    }

    /// <summary>Reads an ExtensionObject, decoding the body of known structures.</summary>
    public ExtensionObject? ReadExtensionObject()
    {
        var start = _position;
        var typeId = ReadNodeId();
        var encoding = ReadByte();
        switch (encoding)
        {
            case 0:
                return typeId.IsNull ? null : new ExtensionObject(typeId, ExtensionObjectEncoding.None, null);
            case 1:
                var lengthPosition = _position;
                var length = ReadInt32();
                if (length < 0 || length > Remaining)
                {
                    throw new OpcUaDecodingException($"ExtensionObject body length {length} is invalid ({Remaining} bytes left)", lengthPosition);
                }

                if (EncodeableRegistry.TryGetDecoder(typeId, out var decode))
                {
                    // The body is decoded by a child decoder over exactly its bytes, so a malformed body cannot
                    // read into the fields that follow it.
                    var body = new BinaryDecoder(_buffer.Slice(_position, length), _limits, _depth + 1, _depth + 1 > _limits.MaxNestingDepth);
                    var value = decode(body);
                    body.EnsureFullyConsumed($"ExtensionObject {typeId}");
                    _position += length;
                    return new ExtensionObject(value);
                }

                if (length > _limits.MaxByteStringLength)
                {
                    throw new OpcUaDecodingException($"ExtensionObject body of {length} bytes exceeds MaxByteStringLength", lengthPosition, StatusCodes.BadEncodingLimitsExceeded);
                }

                return new ExtensionObject(typeId, ExtensionObjectEncoding.Binary, Take(length, "ExtensionObject body").ToArray());
            case 2:
                return new ExtensionObject(typeId, ExtensionObjectEncoding.Xml, null, ReadXmlElement());
            default:
                throw new OpcUaDecodingException($"ExtensionObject encoding byte {encoding} is invalid", start);
        }
    }

    /// <summary>Reads a DataValue.</summary>
    public DataValue ReadDataValue()
    {
        var start = _position;
        var mask = ReadByte();
        if ((mask & 0xC0) != 0)
        {
            throw new OpcUaDecodingException($"DataValue mask 0x{mask:X2} has reserved bits set", start);
        }

        Enter("DataValue");
        var value = (mask & 0x01) != 0 ? ReadVariant() : Variant.Null;
        var status = (mask & 0x02) != 0 ? ReadStatusCode() : default;
        DateTime? sourceTimestamp = (mask & 0x04) != 0 ? ReadDateTime() : null;
        var sourcePicoseconds = (mask & 0x10) != 0 ? ClampPicoseconds(ReadUInt16()) : (ushort)0;
        DateTime? serverTimestamp = (mask & 0x08) != 0 ? ReadDateTime() : null;
        var serverPicoseconds = (mask & 0x20) != 0 ? ClampPicoseconds(ReadUInt16()) : (ushort)0;
        Exit();
        return new DataValue(value, status, sourceTimestamp, serverTimestamp)
        {
            SourcePicoseconds = sourcePicoseconds,
            ServerPicoseconds = serverPicoseconds,
        };
    }

    /// <summary>Reads a Variant (scalar, array or matrix).</summary>
    public Variant ReadVariant()
    {
        var start = _position;
        var mask = ReadByte();
        var typeId = mask & 0x3F;
        if (typeId > (int)BuiltInType.DiagnosticInfo)
        {
            throw new OpcUaDecodingException($"Variant type id {typeId} is not a built-in type", start);
        }

        var type = (BuiltInType)typeId;
        var isArray = (mask & 0x80) != 0;
        var hasDimensions = (mask & 0x40) != 0;
        if (type == BuiltInType.Null)
        {
            if (mask != 0)
            {
                throw new OpcUaDecodingException($"Variant mask 0x{mask:X2} flags a Null value", start);
            }

            return Variant.Null;
        }

        if (hasDimensions && !isArray)
        {
            throw new OpcUaDecodingException("Variant has array dimensions but is not an array", start);
        }

        Enter("Variant");
        Variant result;
        if (!isArray)
        {
            if (type == BuiltInType.Variant)
            {
                throw new OpcUaDecodingException("A Variant scalar cannot contain a Variant", start);
            }

            result = ReadScalar(type);
        }
        else
        {
            var array = ReadTypedArray(type);
            int[]? dimensions = null;
            if (hasDimensions)
            {
                var dimensionsStart = _position;
                dimensions = ReadArray(static d => d.ReadInt32(), "ArrayDimensions");
                long product = dimensions.Length == 0 ? 0 : 1;
                foreach (var dimension in dimensions)
                {
                    if (dimension < 0)
                    {
                        throw new OpcUaDecodingException($"Array dimension {dimension} is negative", dimensionsStart);
                    }

                    product = Math.Min(product * dimension, int.MaxValue + 1L);
                }

                if (product != array.Length)
                {
                    throw new OpcUaDecodingException($"Array dimensions give {product} elements but the array has {array.Length}", dimensionsStart);
                }
            }

            result = Variant.CreateUnchecked(type, array, isArray: true, dimensions);
        }

        Exit();
        return result;
    }

    /// <summary>Reads a DiagnosticInfo (nesting bounded by MaxNestingDepth).</summary>
    public DiagnosticInfo? ReadDiagnosticInfo()
    {
        var start = _position;
        var mask = ReadByte();
        if (mask == 0)
        {
            return null;
        }

        if ((mask & 0x80) != 0)
        {
            throw new OpcUaDecodingException($"DiagnosticInfo mask 0x{mask:X2} has reserved bits set", start);
        }

        Enter("DiagnosticInfo");
        var symbolicId = (mask & 0x01) != 0 ? ReadInt32() : -1;
        var namespaceUri = (mask & 0x02) != 0 ? ReadInt32() : -1;
        var locale = (mask & 0x08) != 0 ? ReadInt32() : -1;
        var localizedText = (mask & 0x04) != 0 ? ReadInt32() : -1;
        var additionalInfo = (mask & 0x10) != 0 ? ReadString("DiagnosticInfo.AdditionalInfo") : null;
        StatusCode? innerStatus = (mask & 0x20) != 0 ? ReadStatusCode() : null;
        var inner = (mask & 0x40) != 0 ? ReadDiagnosticInfo() : null;
        Exit();
        return new DiagnosticInfo
        {
            SymbolicId = symbolicId,
            NamespaceUri = namespaceUri,
            Locale = locale,
            LocalizedText = localizedText,
            AdditionalInfo = additionalInfo,
            InnerStatusCode = innerStatus,
            InnerDiagnosticInfo = inner,
        };
    }

    /// <summary>Reads an array: Int32 length (-1 for null, returned as empty), bounded by MaxArrayLength and the bytes left.</summary>
    public T[] ReadArray<T>(Func<BinaryDecoder, T> readElement, string what)
    {
        var length = ReadArrayLength(what);
        if (length <= 0)
        {
            return [];
        }

        var items = new T[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = readElement(this);
        }

        return items;
    }

    /// <summary>Reads a structure inline using its decode function, bounding the nesting depth.</summary>
    public T ReadEncodeable<T>(Func<BinaryDecoder, T> decode, string what)
    {
        Enter(what);
        var value = decode(this);
        Exit();
        return value;
    }

    /// <summary>Reads a structure inline.</summary>
    public T ReadEncodeable<T>()
        where T : IEncodeable<T>
    {
        Enter(typeof(T).Name);
        var value = T.Decode(this);
        Exit();
        return value;
    }

    /// <summary>Reads an array of structures.</summary>
    public T[] ReadEncodeableArray<T>()
        where T : IEncodeable<T>
    {
        return ReadArray(static d => d.ReadEncodeable<T>(), typeof(T).Name);
    }

    /// <summary>
    /// Reads an array of structures as a list that never puts a large array on the large object heap
    /// (<see cref="SegmentedList{T}"/>): for arrays that can hold thousands of elements per message.
    /// </summary>
    public IReadOnlyList<T> ReadEncodeableList<T>()
        where T : IEncodeable<T>
    {
        var length = ReadArrayLength(typeof(T).Name);
        return length <= 0 ? [] : SegmentedList<T>.Read(length, this, static d => d.ReadEncodeable<T>());
    }

    /// <summary>Reads an Int32-encoded enumeration.</summary>
    public T ReadEnum<T>()
        where T : struct, Enum
    {
        var value = ReadInt32();
        return System.Runtime.CompilerServices.Unsafe.As<int, T>(ref value);
    }

    /// <summary>Throws unless the whole buffer was consumed.</summary>
    public void EnsureFullyConsumed(string what)
    {
        if (Remaining != 0)
        {
            throw new OpcUaDecodingException($"{Remaining} unexpected bytes after {what}", _position);
        }
    }

    /// <summary>Reads an array length prefix (-1 for null), bounded by MaxArrayLength and by one byte per element.</summary>
    public int ReadArrayLength(string what)
    {
        var start = _position;
        var length = ReadInt32();
        if (length < -1)
        {
            throw new OpcUaDecodingException($"{what} array length {length} is negative", start);
        }

        if (length > _limits.MaxArrayLength)
        {
            throw new OpcUaDecodingException($"{what} array length {length} exceeds MaxArrayLength {_limits.MaxArrayLength}", start, StatusCodes.BadEncodingLimitsExceeded);
        }

        if (length > Remaining)
        {
            throw new OpcUaDecodingException($"{what} array length {length} exceeds the {Remaining} bytes left", start);
        }

        return length;
    }

    private string? ReadString(string what)
    {
        var start = _position;
        var length = ReadInt32();
        if (length < 0)
        {
            return null;
        }

        if (length > _limits.MaxStringLength)
        {
            throw new OpcUaDecodingException($"{what} length {length} exceeds MaxStringLength {_limits.MaxStringLength}", start, StatusCodes.BadEncodingLimitsExceeded);
        }

        return System.Text.Encoding.UTF8.GetString(Take(length, what));
    }

    private NodeId ReadNodeIdBody(byte encoding, int start)
    {
        switch (encoding)
        {
            case 0x00:
                return new NodeId(0, ReadByte());
            case 0x01:
                var ns = ReadByte();
                return new NodeId(ns, ReadUInt16());
            case 0x02:
                var ns2 = ReadUInt16();
                return new NodeId(ns2, ReadUInt32());
            case 0x03:
                var ns3 = ReadUInt16();
                return new NodeId(ns3, ReadString("NodeId string identifier") ?? string.Empty);
            case 0x04:
                var ns4 = ReadUInt16();
                return new NodeId(ns4, ReadGuid());
            case 0x05:
                var ns5 = ReadUInt16();
                return new NodeId(ns5, ReadByteString() ?? []);
            default:
                throw new OpcUaDecodingException($"NodeId encoding 0x{encoding:X2} is unknown", start);
        }
    }

    private Variant ReadScalar(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => Variant.CreateScalar(type, ReadBoolean()),
        BuiltInType.SByte => Variant.CreateScalar(type, ReadSByte()),
        BuiltInType.Byte => Variant.CreateScalar(type, ReadByte()),
        BuiltInType.Int16 => Variant.CreateScalar(type, ReadInt16()),
        BuiltInType.UInt16 => Variant.CreateScalar(type, ReadUInt16()),
        BuiltInType.Int32 => Variant.CreateScalar(type, ReadInt32()),
        BuiltInType.UInt32 => Variant.CreateScalar(type, ReadUInt32()),
        BuiltInType.Int64 => Variant.CreateScalar(type, ReadInt64()),
        BuiltInType.UInt64 => Variant.CreateScalar(type, ReadUInt64()),
        BuiltInType.Float => Variant.CreateScalar(type, ReadFloat()),
        BuiltInType.Double => Variant.CreateScalar(type, ReadDouble()),
        BuiltInType.DateTime => Variant.CreateScalar(type, ReadDateTime()),
        BuiltInType.StatusCode => Variant.CreateScalar(type, ReadStatusCode()),
        _ => Variant.CreateUnchecked(type, ReadReferenceScalar(type), isArray: false, null),
    };

    private object? ReadReferenceScalar(BuiltInType type) => type switch
    {
        BuiltInType.String => ReadString(),
        BuiltInType.Guid => ReadGuid(),
        BuiltInType.ByteString => ReadByteString(),
        BuiltInType.XmlElement => ReadXmlElement(),
        BuiltInType.NodeId => ReadNodeId(),
        BuiltInType.ExpandedNodeId => ReadExpandedNodeId(),
        BuiltInType.QualifiedName => ReadQualifiedName(),
        BuiltInType.LocalizedText => ReadLocalizedText(),
        BuiltInType.ExtensionObject => ReadExtensionObject(),
        BuiltInType.DataValue => ReadDataValue(),
        BuiltInType.DiagnosticInfo => ReadDiagnosticInfo(),
        _ => throw new OpcUaDecodingException($"Cannot decode type {type}", _position),
    };

    private Array ReadTypedArray(BuiltInType type)
    {
        return type switch
        {
            BuiltInType.Boolean => ReadArray(static d => d.ReadBoolean(), "Boolean"),
            BuiltInType.SByte => ReadArray(static d => d.ReadSByte(), "SByte"),
            BuiltInType.Byte => ReadByteArray(),
            BuiltInType.Int16 => ReadArray(static d => d.ReadInt16(), "Int16"),
            BuiltInType.UInt16 => ReadArray(static d => d.ReadUInt16(), "UInt16"),
            BuiltInType.Int32 => ReadArray(static d => d.ReadInt32(), "Int32"),
            BuiltInType.UInt32 => ReadArray(static d => d.ReadUInt32(), "UInt32"),
            BuiltInType.Int64 => ReadArray(static d => d.ReadInt64(), "Int64"),
            BuiltInType.UInt64 => ReadArray(static d => d.ReadUInt64(), "UInt64"),
            BuiltInType.Float => ReadArray(static d => d.ReadFloat(), "Float"),
            BuiltInType.Double => ReadArray(static d => d.ReadDouble(), "Double"),
            BuiltInType.String => ReadArray(static d => d.ReadString(), "String"),
            BuiltInType.DateTime => ReadArray(static d => d.ReadDateTime(), "DateTime"),
            BuiltInType.Guid => ReadArray(static d => d.ReadGuid(), "Guid"),
            BuiltInType.ByteString => ReadArray(static d => d.ReadByteString(), "ByteString"),
            BuiltInType.XmlElement => ReadArray(static d => d.ReadXmlElement(), "XmlElement"),
            BuiltInType.NodeId => ReadArray(static d => d.ReadNodeId(), "NodeId"),
            BuiltInType.ExpandedNodeId => ReadArray(static d => d.ReadExpandedNodeId(), "ExpandedNodeId"),
            BuiltInType.StatusCode => ReadArray(static d => d.ReadStatusCode(), "StatusCode"),
            BuiltInType.QualifiedName => ReadArray(static d => d.ReadQualifiedName(), "QualifiedName"),
            BuiltInType.LocalizedText => ReadArray(static d => d.ReadLocalizedText(), "LocalizedText"),
            BuiltInType.ExtensionObject => ReadArray(static d => d.ReadExtensionObject(), "ExtensionObject"),
            BuiltInType.DataValue => ReadArray(static d => d.ReadDataValue(), "DataValue"),
            BuiltInType.Variant => ReadArray(static d => d.ReadVariant(), "Variant"),
            BuiltInType.DiagnosticInfo => ReadArray(static d => d.ReadDiagnosticInfo(), "DiagnosticInfo"),
            _ => throw new OpcUaDecodingException($"Cannot decode an array of {type}", _position),
        };
    }

    private byte[] ReadByteArray()
    {
        var length = ReadArrayLength("Byte");
        return length <= 0 ? [] : Take(length, "Byte array").ToArray();
    }

    private static ushort ClampPicoseconds(ushort value) => value >= 10000 ? (ushort)9999 : value;

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > _buffer.Length - _position)
        {
            throw new OpcUaDecodingException($"Unexpected end of data reading {what} ({count} bytes needed, {Remaining} left)", _position);
        }

        var span = _buffer.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    private void Enter(string what)
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new OpcUaDecodingException($"{what} nested deeper than MaxNestingDepth {_limits.MaxNestingDepth}", _position, StatusCodes.BadEncodingLimitsExceeded);
        }
    }

    private void Exit() => _depth--;
}
