namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>One Sparkplug B Metric (the fields EdgeTwin writes and reads).</summary>
public readonly record struct SparkplugMetric
{
    /// <summary>Metric name (1); births carry it, data messages use the alias only.</summary>
    public string? Name { get; init; }

    /// <summary>Alias (2), unique across the edge node and its devices.</summary>
    public ulong? Alias { get; init; }

    /// <summary>Timestamp (3), ms since the Unix epoch.</summary>
    public ulong? Timestamp { get; init; }

    /// <summary>Datatype (4).</summary>
    public SparkplugDataType? DataType { get; init; }

    /// <summary>is_historical (5): a value sent late, from the store-and-forward buffer.</summary>
    public bool IsHistorical { get; init; }

    /// <summary>is_null (7): the value is unknown (e.g. bad quality).</summary>
    public bool IsNull { get; init; }

    /// <summary>Properties (9), e.g. Quality or engUnit.</summary>
    public IReadOnlyList<SparkplugProperty>? Properties { get; init; }

    /// <summary>The value (10..15).</summary>
    public SparkplugValue Value { get; init; }
}

/// <summary>One entry of a metric's PropertySet.</summary>
/// <param name="Key">Property name, e.g. "Quality".</param>
/// <param name="Type">PropertyValue.type.</param>
/// <param name="Value">The value.</param>
public readonly record struct SparkplugProperty(string Key, SparkplugDataType Type, SparkplugValue Value);
