using EdgeTwin.Core.Configuration;

namespace EdgeTwin.Twin.Alarms;

/// <summary>Live state of one limit alarm.</summary>
public sealed class AlarmState
{
    /// <summary>Creates the state of <paramref name="config"/> on asset <paramref name="asset"/>.</summary>
    public AlarmState(string asset, AlarmConfig config)
    {
        Asset = asset;
        Config = config;
    }

    /// <summary>Asset id.</summary>
    public string Asset { get; }

    /// <summary>Configuration.</summary>
    public AlarmConfig Config { get; }

    /// <summary>"asset/alarm", how commands and the API name the alarm.</summary>
    public string Key => Asset + "/" + Config.Id;

    /// <summary>True while the alarm is raised (for latched alarms: until acknowledged after the condition cleared).</summary>
    public bool Active { get; internal set; }

    /// <summary>True while the limit is violated (after the on-delay).</summary>
    public bool Condition { get; internal set; }

    /// <summary>True once acknowledged (reset when raised again).</summary>
    public bool Acknowledged { get; internal set; }

    /// <summary>When it was raised.</summary>
    public DateTime? RaisedAt { get; internal set; }

    /// <summary>The value that raised it.</summary>
    public double Value { get; internal set; } = double.NaN;

    /// <summary>Which limit: high or low.</summary>
    public string? Limit { get; internal set; }

    internal DateTime? PendingSince { get; set; }

    internal DateTime? ClearingSince { get; set; }
}
