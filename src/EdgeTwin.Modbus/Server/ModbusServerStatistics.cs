namespace EdgeTwin.Modbus.Server;

/// <summary>Counters of a server, readable while it runs.</summary>
public sealed class ModbusServerStatistics
{
    private long _requests;
    private long _exceptions;
    private long _protocolErrors;
    private long _connections;

    /// <summary>Requests answered (normal or exception).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Exception responses sent.</summary>
    public long Exceptions => Interlocked.Read(ref _exceptions);

    /// <summary>Connections dropped for malformed framing, and garbage skipped on serial lines.</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Connections accepted (TCP).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>The last failure of a connection or the accept loop, for diagnostics.</summary>
    public Exception? LastError { get; internal set; }

    internal void CountRequest(bool exception)
    {
        Interlocked.Increment(ref _requests);
        if (exception)
        {
            Interlocked.Increment(ref _exceptions);
        }
    }

    internal void CountProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void CountConnection() => Interlocked.Increment(ref _connections);
}
