using System.Diagnostics;
using System.IO.Ports;
using EdgeTwin.Modbus.Errors;

namespace EdgeTwin.Modbus.Transport;

/// <summary>
/// A serial port carrying RTU frames. Keeps the line discipline of Modbus over serial line V1.02 §2.5.1.1: before a
/// frame is sent the line has been silent for at least 3.5 character times since the last byte sent or received.
/// </summary>
public sealed class SerialTransport : IModbusTransport
{
    private readonly ModbusSerialSettings _settings;
    private SerialPort? _port;
    private Stream? _stream;
    private long _lineQuietAt;

    /// <summary>Creates the transport; the port is opened by <see cref="ConnectAsync"/>.</summary>
    public SerialTransport(ModbusSerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.PortName);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BaudRate, 50);
        _settings = settings;
    }

    /// <summary>The line settings.</summary>
    public ModbusSerialSettings Settings => _settings;

    /// <inheritdoc />
    public string Description => $"serial {_settings}";

    /// <inheritdoc />
    public bool IsConnected => _port is { IsOpen: true };

    /// <inheritdoc />
    public ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        Close();
        cancellationToken.ThrowIfCancellationRequested();
        var port = new SerialPort(_settings.PortName, _settings.BaudRate, _settings.Parity, _settings.DataBits, _settings.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new ModbusTransportException($"Cannot open {_settings}: {ex.Message}", ex);
        }

        _port = port;
        _stream = port.BaseStream;
        _lineQuietAt = Stopwatch.GetTimestamp();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw NotOpen();
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _lineQuietAt) + _settings.InterFrameSilence;
        if (wait > TimeSpan.Zero)
        {
            // Task.Delay truncates to whole milliseconds; round up so the silence is never short.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            Close();
            throw new ModbusTransportException($"Write to {_settings.PortName} failed: {ex.Message}", ex);
        }

        // The OS buffers the frame; the line is busy until its last character is out.
        _lineQuietAt = Stopwatch.GetTimestamp() + (long)(_settings.TransmitTime(data.Length).TotalSeconds * Stopwatch.Frequency);
    }

    /// <inheritdoc />
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw NotOpen();
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Close();
            throw new ModbusTransportException($"Read from {_settings.PortName} failed: {ex.Message}", ex);
        }

        if (read == 0)
        {
            Close();
            throw new ModbusTransportException($"{_settings.PortName} was closed.");
        }

        _lineQuietAt = Math.Max(_lineQuietAt, Stopwatch.GetTimestamp());
        return read;
    }

    /// <inheritdoc />
    public void DiscardInput()
    {
        try
        {
            _port?.DiscardInBuffer();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            Close();
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        var port = Interlocked.Exchange(ref _port, null);
        _stream = null;
        if (port is null)
        {
            return;
        }

        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // The device may already be gone (USB adapter unplugged); the handle is released either way.
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private ModbusTransportException NotOpen() => new($"{_settings.PortName} is not open.");
}
