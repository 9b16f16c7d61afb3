namespace EdgeTwin.OpcUa;

/// <summary>
/// A structure wrapped with the NodeId of its encoding (OPC 10000-6 §5.2.2.15). Known structures are held decoded
/// in <see cref="Value"/>; unknown ones keep their raw <see cref="Body"/> bytes.
/// </summary>
public sealed class ExtensionObject : IEquatable<ExtensionObject>
{
    /// <summary>Wraps a known structure; it is encoded with its binary encoding id.</summary>
    public ExtensionObject(IEncodeable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        TypeId = value.BinaryEncodingId;
        Encoding = ExtensionObjectEncoding.Binary;
        Value = value;
    }

    /// <summary>Wraps a raw body of an unknown structure.</summary>
    public ExtensionObject(NodeId typeId, ExtensionObjectEncoding encoding, byte[]? body, string? xmlBody = null)
    {
        TypeId = typeId;
        Encoding = encoding;
        Body = encoding == ExtensionObjectEncoding.Binary ? body ?? [] : null;
        XmlBody = encoding == ExtensionObjectEncoding.Xml ? xmlBody : null;
    }

    /// <summary>The NodeId of the encoding (e.g. DataChangeFilter_Encoding_DefaultBinary).</summary>
    public NodeId TypeId { get; }

    /// <summary>How the body is encoded.</summary>
    public ExtensionObjectEncoding Encoding { get; }

    /// <summary>The raw binary body of an unknown structure.</summary>
    public byte[]? Body { get; }

    /// <summary>The XML body, when <see cref="Encoding"/> is Xml.</summary>
    public string? XmlBody { get; }

    /// <summary>The decoded structure, when its type is known.</summary>
    public IEncodeable? Value { get; }

    /// <inheritdoc />
    public bool Equals(ExtensionObject? other)
    {
        if (other is null)
        {
            return false;
        }

        return TypeId == other.TypeId && Encoding == other.Encoding
            && Variant.ValueEquals(Body, other.Body) && XmlBody == other.XmlBody && Equals(Value, other.Value);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExtensionObject);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TypeId, Encoding);

    /// <inheritdoc />
    public override string ToString() => Value?.ToString() ?? $"ExtensionObject({TypeId}, {Encoding}, {Body?.Length ?? 0} bytes)";
}
