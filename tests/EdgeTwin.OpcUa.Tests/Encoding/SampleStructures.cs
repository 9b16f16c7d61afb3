using System.Reflection;
using EdgeTwin.OpcUa.Encoding;

namespace EdgeTwin.OpcUa.Tests.Encoding;

/// <summary>Builds populated instances of every known structure (test-only reflection), so each field's codec is exercised.</summary>
internal static class SampleStructures
{
    public static IEnumerable<Type> AllTypes() => typeof(EncodeableRegistry).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(IEncodeable).IsAssignableFrom(t) && t.Namespace == "EdgeTwin.OpcUa.Services")
        .OrderBy(t => t.Name);

    public static IEncodeable Create(Type type, int seed, int depth = 0)
    {
        var instance = (IEncodeable)Activator.CreateInstance(type)!;
        var index = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            property.SetValue(instance, SampleValue(property.PropertyType, seed + index++, depth));
        }

        return instance;
    }

    private static object? SampleValue(Type type, int seed, int depth)
    {
        if (type == typeof(bool))
        {
            return seed % 2 == 0;
        }

        if (type == typeof(byte))
        {
            return (byte)(seed * 7);
        }

        if (type == typeof(uint))
        {
            return (uint)(seed * 1000 + 7);
        }

        if (type == typeof(int))
        {
            return seed * -3;
        }

        if (type == typeof(double))
        {
            return seed + 0.25;
        }

        if (type == typeof(string))
        {
            return $"text-{seed}-ü";
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seed);
        }

        if (type == typeof(byte[]))
        {
            return new byte[] { (byte)seed, 1, 2 };
        }

        if (type == typeof(NodeId))
        {
            return seed % 3 == 0 ? new NodeId((ushort)(seed % 5), $"n{seed}") : new NodeId((ushort)(seed % 5), (uint)seed * 977);
        }

        if (type == typeof(ExpandedNodeId))
        {
            return new ExpandedNodeId(new NodeId(1, (uint)seed), seed % 2 == 0 ? "urn:sample" : null);
        }

        if (type == typeof(StatusCode))
        {
            return new StatusCode(seed % 2 == 0 ? StatusCodes.BadNodeIdUnknown : StatusCodes.Good);
        }

        if (type == typeof(QualifiedName))
        {
            return new QualifiedName((ushort)(seed % 3), $"q{seed}");
        }

        if (type == typeof(LocalizedText))
        {
            return new LocalizedText("en", $"t{seed}");
        }

        if (type == typeof(ExtensionObject))
        {
            return new ExtensionObject(new NodeId(2, (uint)seed + 100000), ExtensionObjectEncoding.Binary, [1, 2, 3]);
        }

        if (type == typeof(DataValue))
        {
            return new DataValue(new Variant(seed * 1.5), StatusCode.Good, new DateTime(2024, 2, 2, 0, 0, 0, DateTimeKind.Utc));
        }

        if (type == typeof(Variant))
        {
            return new Variant(seed);
        }

        if (type == typeof(DiagnosticInfo))
        {
            return new DiagnosticInfo { SymbolicId = seed, AdditionalInfo = "diag" };
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(seed % values.Length);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var elementType = type.GetGenericArguments()[0];
            var array = Array.CreateInstance(elementType, depth > 2 ? 0 : 2);
            for (var i = 0; i < array.Length; i++)
            {
                array.SetValue(SampleValue(elementType, seed + i + 1, depth + 1), i);
            }

            return array;
        }

        if (typeof(IEncodeable).IsAssignableFrom(type))
        {
            return Create(type, seed + 11, depth + 1);
        }

        throw new NotSupportedException($"No sample for {type}.");
    }
}
