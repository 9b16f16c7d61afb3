namespace EdgeTwin.Core.Samples;

/// <summary>Quality of a sample or a twin property, as published upstream.</summary>
public enum Quality : byte
{
    /// <summary>The value was read successfully and is current.</summary>
    Good = 0,

    /// <summary>The source delivered a value it marks as doubtful (e.g. an OPC UA Uncertain status).</summary>
    Uncertain = 1,

    /// <summary>The value could not be read; the sample's text holds the reason.</summary>
    Bad = 2,

    /// <summary>The last value is older than its freshness limit.</summary>
    Stale = 3,
}

/// <summary>Lower-case names used on the wire.</summary>
public static class QualityNames
{
    /// <summary>The wire name of <paramref name="quality"/>.</summary>
    public static string ToWire(this Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Uncertain => "uncertain",
        Quality.Bad => "bad",
        Quality.Stale => "stale",
        _ => "bad",
    };
}
