using System.Globalization;

namespace EdgeTwin.OpcUa;

/// <summary>A name qualified by a namespace index, e.g. a BrowseName (OPC 10000-3 §8.3). Text form <c>1:Temperature</c>.</summary>
public readonly record struct QualifiedName(ushort NamespaceIndex, string? Name)
{
    /// <summary>Parses <c>ns:Name</c> or a bare name (namespace 0).</summary>
    public static QualifiedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':');
        if (colon > 0 && ushort.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ns))
        {
            return new QualifiedName(ns, text[(colon + 1)..]);
        }

        return new QualifiedName(0, text);
    }

    /// <inheritdoc />
    public override string ToString() => NamespaceIndex == 0 ? Name ?? string.Empty : $"{NamespaceIndex}:{Name}";
}
