namespace EdgeTwin.Modbus.Transport;

/// <summary>
/// Moves bytes to and from one device or bus (a TCP connection or a serial port). Implementations translate raw
/// socket and I/O errors into <see cref="Errors.ModbusTransportException"/>, pass cancellation through as
/// <see cref="OperationCanceledException"/>, and may be connected again after a failure.
/// </summary>
public interface IModbusTransport : IAsyncDisposable
{
    /// <summary>Human-readable endpoint, e.g. "tcp 127.0.0.1:502" or "serial /dev/ttyUSB0 19200 8E1".</summary>
    string Description { get; }

    /// <summary>True while the connection is open.</summary>
    bool IsConnected { get; }

    /// <summary>Opens the connection (closing a previous one).</summary>
    ValueTask ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Reads at least one byte into <paramref name="buffer"/>; throws when the peer closed the connection.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Drops input that arrived but was not read (stale bytes before a new request on a serial line).</summary>
    void DiscardInput();

    /// <summary>Closes the connection; a later <see cref="ConnectAsync"/> opens it again.</summary>
    void Close();
}
