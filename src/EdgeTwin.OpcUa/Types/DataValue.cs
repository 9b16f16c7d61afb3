namespace EdgeTwin.OpcUa;

/// <summary>
/// A value with its status and timestamps, as read or reported by a server (OPC 10000-4 §7.11). A value type, so an
/// array of notifications holds its values inline; the default is Good, no value, no timestamps.
/// </summary>
public readonly record struct DataValue
{
    private readonly DateTime _sourceTimestamp;
    private readonly DateTime _serverTimestamp;
    private readonly bool _hasSourceTimestamp;
    private readonly bool _hasServerTimestamp;

    /// <summary>Creates an empty data value (Good, no value, no timestamps).</summary>
    public DataValue()
    {
    }

    /// <summary>Creates a data value.</summary>
    public DataValue(Variant value, StatusCode statusCode = default, DateTime? sourceTimestamp = null, DateTime? serverTimestamp = null)
    {
        Value = value;
        StatusCode = statusCode;
        SourceTimestamp = sourceTimestamp;
        ServerTimestamp = serverTimestamp;
    }

    /// <summary>The value.</summary>
    public Variant Value { get; init; }

    /// <summary>The quality of the value.</summary>
    public StatusCode StatusCode { get; init; }

    /// <summary>When the source produced the value (UTC), if reported.</summary>
    public DateTime? SourceTimestamp
    {
        get => _hasSourceTimestamp ? _sourceTimestamp : null;
        init
        {
            _hasSourceTimestamp = value.HasValue;
            _sourceTimestamp = value.GetValueOrDefault();
        }
    }

    /// <summary>Picoseconds to add to <see cref="SourceTimestamp"/>.</summary>
    public ushort SourcePicoseconds { get; init; }

    /// <summary>When the server received or produced the value (UTC), if reported.</summary>
    public DateTime? ServerTimestamp
    {
        get => _hasServerTimestamp ? _serverTimestamp : null;
        init
        {
            _hasServerTimestamp = value.HasValue;
            _serverTimestamp = value.GetValueOrDefault();
        }
    }

    /// <summary>Picoseconds to add to <see cref="ServerTimestamp"/>.</summary>
    public ushort ServerPicoseconds { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Value} [{StatusCode}] {SourceTimestamp:O}";
}
