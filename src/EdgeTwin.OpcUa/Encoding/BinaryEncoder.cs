using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EdgeTwin.OpcUa.Encoding;

/// <summary>
/// Writes UA Binary (OPC 10000-6 §5.2): little-endian primitives, length-prefixed strings and arrays, and the
/// masked encodings of the built-in types. The buffer grows on demand up to <see cref="OpcUaLimits.MaxMessageSize"/>.
/// </summary>
public sealed class BinaryEncoder
{
    private static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly OpcUaLimits _limits;
    private readonly int _maxSize;
    private byte[] _buffer;
    private int _position;
    private int _depth;

    /// <summary>Creates an encoder.</summary>
    /// <param name="limits">Limits to enforce (default <see cref="OpcUaLimits.Default"/>).</param>
    /// <param name="initialCapacity">Initial buffer size.</param>
    /// <param name="maxSize">Largest output in bytes (default: the limits' MaxMessageSize).</param>
    public BinaryEncoder(OpcUaLimits? limits = null, int initialCapacity = 256, int? maxSize = null)
    {
        _limits = limits ?? OpcUaLimits.Default;
        _maxSize = maxSize ?? _limits.MaxMessageSize;
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>Number of bytes written.</summary>
    public int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>The bytes written so far (valid until the next write or <see cref="Reset"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>Copies the bytes written.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Discards what was written, keeping the buffer.</summary>
    public void Reset()
    {
        _position = 0;
        _depth = 0;
    }

    /// <summary>Writes a Boolean (one byte, 0 or 1).</summary>
    public void WriteBoolean(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>Writes an SByte.</summary>
    public void WriteSByte(sbyte value) => Reserve(1)[0] = unchecked((byte)value);

    /// <summary>Writes a Byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes an Int16.</summary>
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes a UInt16.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes an Int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes a UInt32.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes an Int64.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a UInt64.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a Float (IEEE 754 single).</summary>
    public void WriteFloat(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    /// <summary>Writes a Double (IEEE 754 double).</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Writes raw bytes without a length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Overwrites a UInt32 written earlier (used to patch sizes).</summary>
    public void PatchUInt32(int position, uint value)
    {
        if ((uint)position > (uint)(_position - 4))
        {
            throw new ArgumentOutOfRangeException(nameof(position));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(position, 4), value);
    }

    /// <summary>Writes a String: Int32 byte length (-1 for null) then UTF-8.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        if (length > _limits.MaxStringLength)
        {
            throw new OpcUaEncodingException($"String of {length} bytes exceeds MaxStringLength {_limits.MaxStringLength}.", StatusCodes.BadEncodingLimitsExceeded);
        }

        WriteInt32(length);
        System.Text.Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Writes a DateTime as 100 ns ticks since 1601-01-01 UTC (MinValue as 0, MaxValue as Int64.MaxValue).</summary>
    public void WriteDateTime(DateTime value)
    {
        if (value == DateTime.MaxValue)
        {
            WriteInt64(long.MaxValue);
            return;
        }

        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var ticks = utc.Ticks - EpochTicks;
        WriteInt64(ticks < 0 ? 0 : ticks);
    }

    /// <summary>Writes a Guid (Data1-3 little-endian, Data4 as bytes: the layout of <see cref="Guid.TryWriteBytes(Span{byte})"/>).</summary>
    public void WriteGuid(Guid value) => value.TryWriteBytes(Reserve(16));

    /// <summary>Writes a ByteString: Int32 length (-1 for null) then the bytes.</summary>
    public void WriteByteString(byte[]? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteByteString(value.AsSpan());
    }

    /// <summary>Writes a non-null ByteString.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        if (value.Length > _limits.MaxByteStringLength)
        {
            throw new OpcUaEncodingException($"ByteString of {value.Length} bytes exceeds MaxByteStringLength {_limits.MaxByteStringLength}.", StatusCodes.BadEncodingLimitsExceeded);
        }

        WriteInt32(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes an XmlElement (a UTF-8 string on the wire).</summary>
    public void WriteXmlElement(string? value) => WriteString(value);

    /// <summary>Writes a NodeId in the most compact encoding (OPC 10000-6 §5.2.2.9).</summary>
    public void WriteNodeId(NodeId value) => WriteNodeId(value, 0);

    /// <summary>Writes an ExpandedNodeId (NodeId with the NamespaceUri 0x80 and ServerIndex 0x40 flags).</summary>
    public void WriteExpandedNodeId(ExpandedNodeId value)
    {
        byte flags = 0;
        if (value.NamespaceUri is not null)
        {
            flags |= 0x80;
        }

        if (value.ServerIndex != 0)
        {
            flags |= 0x40;
        }

        WriteNodeId(value.NodeId, flags);
        if (value.NamespaceUri is not null)
        {
            WriteString(value.NamespaceUri);
        }

        if (value.ServerIndex != 0)
        {
            WriteUInt32(value.ServerIndex);
        }
    }

    /// <summary>Writes a StatusCode (UInt32).</summary>
    public void WriteStatusCode(StatusCode value) => WriteUInt32(value.Code);

    /// <summary>Writes a QualifiedName (UInt16 namespace index, String name).</summary>
    public void WriteQualifiedName(QualifiedName value)
    {
        WriteUInt16(value.NamespaceIndex);
        WriteString(value.Name);
    }

    /// <summary>Writes a LocalizedText (mask 0x01 locale, 0x02 text).</summary>
    public void WriteLocalizedText(LocalizedText value)
    {
        byte mask = 0;
        if (value.Locale is not null)
        {
            mask |= 0x01;
        }

        if (value.Text is not null)
        {
            mask |= 0x02;
        }

        WriteByte(mask);
        if (value.Locale is not null)
        {
            WriteString(value.Locale);
        }

        if (value.Text is not null)
        {
            WriteString(value.Text);
        }
    }

    /// <summary>Writes an ExtensionObject: TypeId, encoding byte, then an Int32-length-prefixed body.</summary>
    public void WriteExtensionObject(ExtensionObject? value)
    {
        if (value is null)
        {
            WriteNodeId(NodeId.Null);
            WriteByte((byte)ExtensionObjectEncoding.None);
            return;
        }

        WriteNodeId(value.TypeId);
        if (value.Value is not null)
        {
            WriteByte((byte)ExtensionObjectEncoding.Binary);
            var lengthPosition = _position;
            WriteInt32(0);
            Enter();
            value.Value.Encode(this);
            Exit();
            PatchUInt32(lengthPosition, (uint)(_position - lengthPosition - 4));
            return;
        }

        WriteByte((byte)value.Encoding);
        switch (value.Encoding)
        {
            case ExtensionObjectEncoding.Binary:
                WriteByteString(value.Body ?? []);
                break;
            case ExtensionObjectEncoding.Xml:
                WriteXmlElement(value.XmlBody);
                break;
        }
    }

    /// <summary>Writes a structure inline (no ExtensionObject wrapper).</summary>
    public void WriteEncodeable(IEncodeable value)
    {
        Enter();
        value.Encode(this);
        Exit();
    }

    /// <summary>Writes a DataValue (mask 0x01 value, 0x02 status, 0x04/0x10 source time/ps, 0x08/0x20 server time/ps).</summary>
    public void WriteDataValue(DataValue? nullable)
    {
        if (nullable is not { } value)
        {
            WriteByte(0);
            return;
        }

        byte mask = 0;
        if (!value.Value.IsNull)
        {
            mask |= 0x01;
        }

        if (value.StatusCode.Code != 0)
        {
            mask |= 0x02;
        }

        if (value.SourceTimestamp is not null)
        {
            mask |= 0x04;
        }

        if (value.ServerTimestamp is not null)
        {
            mask |= 0x08;
        }

        if (value.SourcePicoseconds != 0)
        {
            mask |= 0x10;
        }

        if (value.ServerPicoseconds != 0)
        {
            mask |= 0x20;
        }

        WriteByte(mask);
        if ((mask & 0x01) != 0)
        {
            WriteVariant(value.Value);
        }

        if ((mask & 0x02) != 0)
        {
            WriteStatusCode(value.StatusCode);
        }

        if ((mask & 0x04) != 0)
        {
            WriteDateTime(value.SourceTimestamp!.Value);
        }

        if ((mask & 0x10) != 0)
        {
            WriteUInt16(value.SourcePicoseconds);
        }

        if ((mask & 0x08) != 0)
        {
            WriteDateTime(value.ServerTimestamp!.Value);
        }

        if ((mask & 0x20) != 0)
        {
            WriteUInt16(value.ServerPicoseconds);
        }
    }

    /// <summary>Writes a Variant: mask (type id, 0x80 array, 0x40 dimensions), value(s), dimensions.</summary>
    public void WriteVariant(Variant value)
    {
        if (value.IsNull)
        {
            WriteByte(0);
            return;
        }

        Enter();
        var mask = (byte)value.Type;
        if (value.IsArray)
        {
            mask |= 0x80;
            if (value.ArrayDimensions is not null)
            {
                mask |= 0x40;
            }
        }

        WriteByte(mask);
        if (!value.IsArray)
        {
            WriteScalar(value.Type, value.Value);
        }
        else
        {
            var array = (Array)value.Value!;
            CheckArrayLength(array.Length);
            WriteInt32(array.Length);
            WriteArrayElements(value.Type, array);
            if (value.ArrayDimensions is not null)
            {
                CheckArrayLength(value.ArrayDimensions.Length);
                WriteInt32(value.ArrayDimensions.Length);
                foreach (var dimension in value.ArrayDimensions)
                {
                    WriteInt32(dimension);
                }
            }
        }

        Exit();
    }

    /// <summary>Writes a DiagnosticInfo (mask then the present fields; OPC 10000-6 §5.2.2.12).</summary>
    public void WriteDiagnosticInfo(DiagnosticInfo? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        Enter();
        byte mask = 0;
        if (value.SymbolicId >= 0)
        {
            mask |= 0x01;
        }

        if (value.NamespaceUri >= 0)
        {
            mask |= 0x02;
        }

        if (value.LocalizedText >= 0)
        {
            mask |= 0x04;
        }

        if (value.Locale >= 0)
        {
            mask |= 0x08;
        }

        if (value.AdditionalInfo is not null)
        {
            mask |= 0x10;
        }

        if (value.InnerStatusCode is not null)
        {
            mask |= 0x20;
        }

        if (value.InnerDiagnosticInfo is not null)
        {
            mask |= 0x40;
        }

        WriteByte(mask);
        if ((mask & 0x01) != 0)
        {
            WriteInt32(value.SymbolicId);
        }

        if ((mask & 0x02) != 0)
        {
            WriteInt32(value.NamespaceUri);
        }

        if ((mask & 0x08) != 0)
        {
            WriteInt32(value.Locale);
        }

        if ((mask & 0x04) != 0)
        {
            WriteInt32(value.LocalizedText);
        }

        if ((mask & 0x10) != 0)
        {
            WriteString(value.AdditionalInfo);
        }

        if ((mask & 0x20) != 0)
        {
            WriteStatusCode(value.InnerStatusCode!.Value);
        }

        if ((mask & 0x40) != 0)
        {
            WriteDiagnosticInfo(value.InnerDiagnosticInfo);
        }

        Exit();
    }

    /// <summary>Writes an array: Int32 length (-1 for null) then each element.</summary>
    public void WriteArray<T>(IReadOnlyList<T>? items, Action<BinaryEncoder, T> writeElement)
    {
        if (items is null)
        {
            WriteInt32(-1);
            return;
        }

        CheckArrayLength(items.Count);
        WriteInt32(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            writeElement(this, items[i]);
        }
    }

    /// <summary>Writes an array of structures inline.</summary>
    public void WriteEncodeableArray<T>(IReadOnlyList<T>? items)
        where T : IEncodeable
    {
        WriteArray(items, static (encoder, item) => encoder.WriteEncodeable(item));
    }

    private void WriteScalar(BuiltInType type, object? value)
    {
        switch (type)
        {
            case BuiltInType.Boolean: WriteBoolean((bool)value!); break;
            case BuiltInType.SByte: WriteSByte((sbyte)value!); break;
            case BuiltInType.Byte: WriteByte((byte)value!); break;
            case BuiltInType.Int16: WriteInt16((short)value!); break;
            case BuiltInType.UInt16: WriteUInt16((ushort)value!); break;
            case BuiltInType.Int32: WriteInt32((int)value!); break;
            case BuiltInType.UInt32: WriteUInt32((uint)value!); break;
            case BuiltInType.Int64: WriteInt64((long)value!); break;
            case BuiltInType.UInt64: WriteUInt64((ulong)value!); break;
            case BuiltInType.Float: WriteFloat((float)value!); break;
            case BuiltInType.Double: WriteDouble((double)value!); break;
            case BuiltInType.String: WriteString((string?)value); break;
            case BuiltInType.DateTime: WriteDateTime((DateTime)value!); break;
            case BuiltInType.Guid: WriteGuid((Guid)value!); break;
            case BuiltInType.ByteString: WriteByteString((byte[]?)value); break;
            case BuiltInType.XmlElement: WriteXmlElement((string?)value); break;
            case BuiltInType.NodeId: WriteNodeId((NodeId)value!); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeId((ExpandedNodeId)value!); break;
            case BuiltInType.StatusCode: WriteStatusCode((StatusCode)value!); break;
            case BuiltInType.QualifiedName: WriteQualifiedName((QualifiedName)value!); break;
            case BuiltInType.LocalizedText: WriteLocalizedText((LocalizedText)value!); break;
            case BuiltInType.ExtensionObject: WriteExtensionObject((ExtensionObject?)value); break;
            case BuiltInType.DataValue: WriteDataValue((DataValue?)value); break;
            case BuiltInType.Variant: WriteVariant((Variant)value!); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfo((DiagnosticInfo?)value); break;
            default: throw new OpcUaEncodingException($"Cannot encode a scalar of type {type}.");
        }
    }

    private void WriteArrayElements(BuiltInType type, Array array)
    {
        switch (array)
        {
            case double[] doubles:
                foreach (var item in doubles)
                {
                    WriteDouble(item);
                }

                break;
            case byte[] bytes when type == BuiltInType.Byte:
                WriteRaw(bytes);
                break;
            default:
                foreach (var item in array)
                {
                    WriteScalar(type, item);
                }

                break;
        }
    }

    private void WriteNodeId(NodeId value, byte flags)
    {
        switch (value.IdType)
        {
            case NodeIdType.Numeric when value.NamespaceIndex == 0 && value.NumericIdentifier <= byte.MaxValue:
                WriteByte(flags);
                WriteByte((byte)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric when value.NamespaceIndex <= byte.MaxValue && value.NumericIdentifier <= ushort.MaxValue:
                WriteByte((byte)(0x01 | flags));
                WriteByte((byte)value.NamespaceIndex);
                WriteUInt16((ushort)value.NumericIdentifier);
                break;
            case NodeIdType.Numeric:
                WriteByte((byte)(0x02 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteUInt32(value.NumericIdentifier);
                break;
            case NodeIdType.String:
                WriteByte((byte)(0x03 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteString((string)value.Identifier);
                break;
            case NodeIdType.Guid:
                WriteByte((byte)(0x04 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteGuid((Guid)value.Identifier);
                break;
            default:
                WriteByte((byte)(0x05 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteByteString((byte[])value.Identifier);
                break;
        }
    }

    private void CheckArrayLength(int length)
    {
        if (length > _limits.MaxArrayLength)
        {
            throw new OpcUaEncodingException($"Array of {length} elements exceeds MaxArrayLength {_limits.MaxArrayLength}.", StatusCodes.BadEncodingLimitsExceeded);
        }
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new OpcUaEncodingException($"Nesting deeper than MaxNestingDepth {_limits.MaxNestingDepth}.", StatusCodes.BadEncodingLimitsExceeded);
        }
    }

    private void Exit() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Grow(int count)
    {
        var required = (long)_position + count;
        if (required > _maxSize)
        {
            throw new OpcUaEncodingException($"Message of more than {_maxSize} bytes exceeds the size limit.", StatusCodes.BadRequestTooLarge);
        }

        var newSize = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Math.Max(required, _maxSize));
        Array.Resize(ref _buffer, newSize);
    }
}
