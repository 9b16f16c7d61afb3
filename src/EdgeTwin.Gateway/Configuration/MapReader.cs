using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>
/// Reads one YAML mapping with type checks, recording every error with its position; keys never asked for are
/// reported as unknown by <see cref="Done"/>.
/// </summary>
internal sealed partial class MapReader
{
    private readonly YamlMappingNode _node;
    private readonly ConfigErrors _errors;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public MapReader(YamlMappingNode node, string path, ConfigErrors errors)
    {
        _node = node;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public Mark Start => _node.Start;

    public ConfigErrors Errors => _errors;

    public bool Has(string key) => Find(key) is not null;

    public string KeyPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    public void Error(string key, string message) =>
        _errors.Add(Find(key)?.Value.Start ?? _node.Start, KeyPath(key), message);

    public void ErrorAtKey(string key, string message) =>
        _errors.Add(Find(key)?.Key.Start ?? _node.Start, KeyPath(key), message);

    /// <summary>Reports every key nobody asked for.</summary>
    public void Done()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_used.Contains(name))
            {
                _errors.Add(key.Start, KeyPath(name), "unknown key");
            }
        }
    }

    /// <summary>The keys of the mapping, in file order.</summary>
    public IEnumerable<string> Keys() => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToList();

    /// <summary>True when the value of <paramref name="key"/> is a mapping.</summary>
    public bool IsMapping(string key) => Find(key)?.Value is YamlMappingNode;

    /// <summary>Marks keys as known without reading them (handled elsewhere).</summary>
    public void Accept(params string[] keys)
    {
        foreach (var key in keys)
        {
            _used.Add(key);
        }
    }

    public string? String(string key, bool required = false, Regex? pattern = null, string? patternText = null)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        var value = scalar.Value ?? string.Empty;
        if (pattern is not null && !pattern.IsMatch(value))
        {
            _errors.Add(scalar.Start, KeyPath(key), $"'{value}' is not valid: expected {patternText}");
            return null;
        }

        return value;
    }

    public string? Choice(string key, string[] choices, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c, scalar.Value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            _errors.Add(scalar.Start, KeyPath(key), $"'{scalar.Value}' is not one of {string.Join(", ", choices)}");
        }

        return match;
    }

    public long? Integer(string key, long min, long max, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        if (!TryParseInteger(scalar.Value, out var value))
        {
            _errors.Add(scalar.Start, KeyPath(key), $"expected an integer, got '{scalar.Value}'");
            return null;
        }

        if (value < min || value > max)
        {
            _errors.Add(scalar.Start, KeyPath(key), $"{value} is out of range {min}..{max}");
            return null;
        }

        return value;
    }

    public double? Number(string key, bool required = false, double min = double.MinValue, double max = double.MaxValue)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            _errors.Add(scalar.Start, KeyPath(key), $"expected a number, got '{scalar.Value}'");
            return null;
        }

        if (value < min || value > max)
        {
            _errors.Add(scalar.Start, KeyPath(key), $"{value.ToString(CultureInfo.InvariantCulture)} is out of range {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var scalar = Scalar(key, required: false);
        if (scalar is null)
        {
            return null;
        }

        switch (scalar.Value?.ToLowerInvariant())
        {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
            default:
                _errors.Add(scalar.Start, KeyPath(key), $"expected true or false, got '{scalar.Value}'");
                return null;
        }
    }

    public TimeSpan? Duration(string key, bool required = false, TimeSpan? min = null)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        if (!Durations.TryParse(scalar.Value, out var value))
        {
            _errors.Add(scalar.Start, KeyPath(key), $"'{scalar.Value}' is not a duration: expected e.g. 500ms, 2s, 5m, 2h, 1d");
            return null;
        }

        if (min is { } floor && value < floor)
        {
            _errors.Add(scalar.Start, KeyPath(key), $"{scalar.Value} is shorter than the minimum {Durations.Format(floor)}");
            return null;
        }

        return value;
    }

    private const string ExpectedMapping = "expected a mapping (key: value pairs)";

    /// <summary>
    /// Marks <paramref name="key"/> as read and returns its value when it is a <typeparamref name="TNode"/>; otherwise
    /// reports <paramref name="expected"/> (or "is required" when missing and <paramref name="required"/>) and returns
    /// null. With <paramref name="emptyIsNone"/> an empty value (<c>key:</c>, <c>~</c>, <c>null</c>) is null without an error.
    /// </summary>
    private TNode? Value<TNode>(string key, bool required, string expected, bool emptyIsNone = false)
        where TNode : YamlNode
    {
        var entry = Find(key);
        _used.Add(key);
        if (entry is null)
        {
            if (required)
            {
                _errors.Add(_node.Start, KeyPath(key), "is required");
            }

            return null;
        }

        var value = entry.Value.Value;
        if (value is TNode node)
        {
            return node;
        }

        if (!(emptyIsNone && value is YamlScalarNode { Value: null or "" or "~" or "null" }))
        {
            _errors.Add(value.Start, KeyPath(key), expected);
        }

        return null;
    }

    public MapReader? Map(string key, bool required = false) =>
        Value<YamlMappingNode>(key, required, ExpectedMapping) is { } map ? new MapReader(map, KeyPath(key), _errors) : null;

    public List<MapReader> MapList(string key, bool required = false)
    {
        var result = new List<MapReader>();
        if (Value<YamlSequenceNode>(key, required, "expected a list", emptyIsNone: true) is not { } sequence)
        {
            return result;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item)
            {
                result.Add(new MapReader(item, $"{KeyPath(key)}[{i}]", _errors));
            }
            else
            {
                _errors.Add(sequence.Children[i].Start, $"{KeyPath(key)}[{i}]", ExpectedMapping);
            }
        }

        return result;
    }

    public List<string>? StringList(string key)
    {
        if (Value<YamlSequenceNode>(key, required: false, "expected a list") is not { } sequence)
        {
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlScalarNode { Value: { } value })
            {
                result.Add(value);
            }
            else
            {
                _errors.Add(sequence.Children[i].Start, $"{KeyPath(key)}[{i}]", "expected a text value");
            }
        }

        return result;
    }

    /// <summary>A mapping of scalar values, with the position of each value.</summary>
    public List<(string Key, string Value, Mark At)>? ScalarMap(string key)
    {
        if (Value<YamlMappingNode>(key, required: false, ExpectedMapping) is not { } map)
        {
            return null;
        }

        var result = new List<(string, string, Mark)>();
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "?";
            if (v is YamlScalarNode { Value: { } value })
            {
                result.Add((name, value, v.Start));
            }
            else
            {
                _errors.Add(v.Start, KeyPath(key) + "." + name, "expected a text value");
            }
        }

        return result;
    }

    /// <summary>The raw scalar text of a key, or null.</summary>
    public YamlScalarNode? Scalar(string key, bool required)
    {
        if (Value<YamlScalarNode>(key, required, "expected a single value, not a list or mapping") is not { } scalar)
        {
            return null;
        }

        if (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null")
        {
            if (required)
            {
                _errors.Add(scalar.Start, KeyPath(key), "is required and may not be empty");
            }

            return null;
        }

        return scalar;
    }

    public static bool TryParseInteger(string? text, out long value)
    {
        text = text?.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        if (text is null)
        {
            value = 0;
            return false;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private KeyValuePair<YamlNode, YamlNode>? Find(string key)
    {
        foreach (var entry in _node.Children)
        {
            if (entry.Key is YamlScalarNode { Value: { } name } && name == key)
            {
                return entry;
            }
        }

        return null;
    }
}
