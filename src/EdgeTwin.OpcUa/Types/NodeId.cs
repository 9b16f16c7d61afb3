using System.Globalization;

namespace EdgeTwin.OpcUa;

/// <summary>
/// Identifies a node in a server's address space: a namespace index plus a numeric, string, Guid or opaque
/// identifier (OPC 10000-3 §8.2). The default value is the null NodeId (ns=0;i=0).
/// Text form as in OPC 10000-6 §5.3.1.10: <c>ns=1;s=Plant.Temperature</c>, <c>i=85</c>, <c>g=…</c>, <c>b=base64</c>.
/// </summary>
public readonly struct NodeId : IEquatable<NodeId>
{
    private readonly uint _numeric;
    private readonly object? _identifier; // string, boxed Guid or byte[]

    /// <summary>Creates a numeric NodeId.</summary>
    public NodeId(ushort namespaceIndex, uint identifier)
    {
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Numeric;
        _numeric = identifier;
    }

    /// <summary>Creates a string NodeId.</summary>
    public NodeId(ushort namespaceIndex, string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.String;
        _identifier = identifier;
    }

    /// <summary>Creates a Guid NodeId.</summary>
    public NodeId(ushort namespaceIndex, Guid identifier)
    {
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Guid;
        _identifier = identifier;
    }

    /// <summary>Creates an opaque NodeId (the array is not copied; do not mutate it afterwards).</summary>
    public NodeId(ushort namespaceIndex, byte[] identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Opaque;
        _identifier = identifier;
    }

    /// <summary>The null NodeId.</summary>
    public static NodeId Null => default;

    /// <summary>The namespace index.</summary>
    public ushort NamespaceIndex { get; }

    /// <summary>The identifier kind.</summary>
    public NodeIdType IdType { get; }

    /// <summary>The numeric identifier (0 unless <see cref="IdType"/> is Numeric).</summary>
    public uint NumericIdentifier => _numeric;

    /// <summary>The identifier as an object: uint, string, Guid or byte[].</summary>
    public object Identifier => IdType == NodeIdType.Numeric ? _numeric : _identifier!;

    /// <summary>True for the null NodeId (namespace 0 with a zero, empty or nil identifier).</summary>
    public bool IsNull => NamespaceIndex == 0 && IdType switch
    {
        NodeIdType.Numeric => _numeric == 0,
        NodeIdType.String => ((string)_identifier!).Length == 0,
        NodeIdType.Guid => (Guid)_identifier! == Guid.Empty,
        _ => ((byte[])_identifier!).Length == 0,
    };

    /// <summary>Parses the text form; throws <see cref="FormatException"/> on bad input.</summary>
    public static NodeId Parse(string text)
    {
        return TryParse(text, out var nodeId, out var error) ? nodeId : throw new FormatException($"Invalid NodeId '{text}': {error}.");
    }

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string? text, out NodeId nodeId) => TryParse(text, out nodeId, out _);

    private static bool TryParse(string? text, out NodeId nodeId, out string error)
    {
        nodeId = default;
        error = "empty";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rest = text.AsSpan().Trim();
        ushort ns = 0;
        if (rest.StartsWith("ns="))
        {
            var semicolon = rest.IndexOf(';');
            if (semicolon < 0 || !ushort.TryParse(rest[3..semicolon], NumberStyles.None, CultureInfo.InvariantCulture, out ns))
            {
                error = "the namespace part must be 'ns=<0..65535>;'";
                return false;
            }

            rest = rest[(semicolon + 1)..];
        }

        if (rest.Length < 2 || rest[1] != '=')
        {
            error = "expected i=, s=, g= or b=";
            return false;
        }

        var value = rest[2..];
        switch (rest[0])
        {
            case 'i':
                if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
                {
                    error = "the numeric identifier must be a UInt32";
                    return false;
                }

                nodeId = new NodeId(ns, numeric);
                return true;
            case 's':
                nodeId = new NodeId(ns, value.ToString());
                return true;
            case 'g':
                if (!Guid.TryParse(value, out var guid))
                {
                    error = "the Guid identifier is malformed";
                    return false;
                }

                nodeId = new NodeId(ns, guid);
                return true;
            case 'b':
                var buffer = new byte[value.Length];
                if (!Convert.TryFromBase64Chars(value, buffer, out var written))
                {
                    error = "the opaque identifier must be base64";
                    return false;
                }

                nodeId = new NodeId(ns, buffer.AsSpan(0, written).ToArray());
                return true;
            default:
                error = "expected i=, s=, g= or b=";
                return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(NodeId other)
    {
        if (NamespaceIndex != other.NamespaceIndex || IdType != other.IdType)
        {
            return false;
        }

        return IdType switch
        {
            NodeIdType.Numeric => _numeric == other._numeric,
            NodeIdType.String => string.Equals((string)_identifier!, (string)other._identifier!, StringComparison.Ordinal),
            NodeIdType.Guid => (Guid)_identifier! == (Guid)other._identifier!,
            _ => ((byte[])_identifier!).AsSpan().SequenceEqual((byte[])other._identifier!),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(NamespaceIndex);
        hash.Add(IdType);
        switch (IdType)
        {
            case NodeIdType.Numeric:
                hash.Add(_numeric);
                break;
            case NodeIdType.Opaque:
                hash.AddBytes((byte[])_identifier!);
                break;
            default:
                hash.Add(_identifier);
                break;
        }

        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(NodeId left, NodeId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(NodeId left, NodeId right) => !left.Equals(right);

    /// <summary>Creates a numeric NodeId in namespace 0.</summary>
    public static implicit operator NodeId(uint identifier) => new(0, identifier);

    /// <inheritdoc />
    public override string ToString()
    {
        var prefix = NamespaceIndex == 0 ? string.Empty : $"ns={NamespaceIndex};";
        return IdType switch
        {
            NodeIdType.Numeric => $"{prefix}i={_numeric}",
            NodeIdType.String => $"{prefix}s={_identifier}",
            NodeIdType.Guid => $"{prefix}g={_identifier}",
            _ => $"{prefix}b={Convert.ToBase64String((byte[])_identifier!)}",
        };
    }
}
