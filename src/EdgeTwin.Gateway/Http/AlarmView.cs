namespace EdgeTwin.Gateway.Http;

/// <summary>One configured limit alarm and its state, copied on the pipeline thread.</summary>
/// <param name="Asset">Asset id.</param>
/// <param name="Id">Alarm id within the asset.</param>
/// <param name="Property">Watched property.</param>
/// <param name="Severity">info, warning or critical.</param>
/// <param name="High">Upper limit, if any.</param>
/// <param name="Low">Lower limit, if any.</param>
/// <param name="Active">Raised (latched alarms stay raised until acknowledged).</param>
/// <param name="Condition">The limit is violated now.</param>
/// <param name="Acknowledged">Acknowledged since it was raised.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="Value">The value that raised it (NaN when never raised).</param>
/// <param name="Limit">Which limit was crossed: high or low.</param>
public sealed record AlarmView(
    string Asset, string Id, string Property, string Severity, double? High, double? Low,
    bool Active, bool Condition, bool Acknowledged, DateTime? RaisedAt, double Value, string? Limit)
{
    /// <summary>"asset/alarm", as the API and commands name it.</summary>
    public string Key => Asset + "/" + Id;
}
