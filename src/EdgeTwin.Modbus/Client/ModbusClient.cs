using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Client;

/// <summary>
/// A Modbus master on one connection or bus. Requests are serialised (one outstanding at a time, except the pipelined
/// reads of <see cref="ReadManyAsync"/> on Modbus TCP), so one client can be shared by every device on an RTU bus and a
/// dead unit only costs its own timeout. Each request has a timeout
/// (<see cref="ModbusClientOptions.Timeout"/>, shortened by the caller's token if it wants); after a broken
/// connection the next request reconnects (back-off is the caller's decision). Answers are decoded straight into the
/// caller's buffers; steady-state requests allocate nothing.
/// </summary>
/// <remarks>
/// Failures: <see cref="ModbusException"/> (exception response), <see cref="ModbusTimeoutException"/>,
/// <see cref="ModbusTransportException"/>, <see cref="ModbusProtocolException"/>; caller cancellation surfaces as
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed partial class ModbusClient : IAsyncDisposable
{
    private readonly ModbusAdapter _adapter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan[] _unitTimeouts = new TimeSpan[256];
    private readonly byte[] _pipelineSend;
    private readonly bool[] _answered;
    private CancellationTokenSource _timeout = new();
    private ushort _transactionId;
    private long _requests;
    private long _timeouts;
    private long _connects;
    private bool _disposed;

    /// <summary>Creates a client on <paramref name="transport"/> with <paramref name="format"/> framing.</summary>
    public ModbusClient(IModbusTransport transport, ModbusFrameFormat format, ModbusClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        Options = options ?? new ModbusClientOptions();
        Options.Validate();
        if (format == ModbusFrameFormat.Rtu && Options.Pipeline > 1)
        {
            throw new ArgumentException($"Pipeline {Options.Pipeline} needs Modbus TCP framing: RTU frames carry no transaction id to match answers by.", nameof(options));
        }

        _adapter = format == ModbusFrameFormat.Rtu ? new RtuAdapter(transport) : new MbapAdapter(transport, Options.Pipeline);
        _pipelineSend = format == ModbusFrameFormat.Rtu ? [] : new byte[Options.Pipeline * ReadAduLength];
        _answered = format == ModbusFrameFormat.Rtu ? [] : new bool[MaxBatch];
    }

    /// <summary>
    /// Gives requests to <paramref name="unit"/> their own timeout (devices sharing one RTU bus each keep theirs);
    /// <see cref="TimeSpan.Zero"/> returns to <see cref="ModbusClientOptions.Timeout"/>.
    /// </summary>
    public void SetTimeout(byte unit, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero || timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Timeout must be positive and at most 10 minutes.");
        }

        _unitTimeouts[unit] = timeout;
    }

    /// <summary>The timeout of requests to <paramref name="unit"/>.</summary>
    public TimeSpan TimeoutOf(byte unit) => _unitTimeouts[unit] > TimeSpan.Zero ? _unitTimeouts[unit] : Options.Timeout;

    /// <summary>Modbus TCP to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static ModbusClient CreateTcp(string host, int port = 502, ModbusClientOptions? options = null) =>
        new(new TcpTransport(host, port), ModbusFrameFormat.Mbap, options);

    /// <summary>RTU frames tunnelled over TCP (serial gateways in transparent mode).</summary>
    public static ModbusClient CreateRtuOverTcp(string host, int port, ModbusClientOptions? options = null) =>
        new(new TcpTransport(host, port), ModbusFrameFormat.Rtu, options);

    /// <summary>RTU on a serial line.</summary>
    public static ModbusClient CreateRtu(ModbusSerialSettings serial, ModbusClientOptions? options = null) =>
        new(new SerialTransport(serial), ModbusFrameFormat.Rtu, options);

    /// <summary>The settings.</summary>
    public ModbusClientOptions Options { get; }

    /// <summary>The endpoint, for messages ("tcp 10.0.0.5:502").</summary>
    public string Description => _adapter.Transport.Description;

    /// <summary>True while the connection is open.</summary>
    public bool IsConnected => _adapter.Transport.IsConnected;

    /// <summary>Requests sent.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests that timed out.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Connections opened (the first one included).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Answers skipped because they belonged to an earlier request or another unit (or line noise).</summary>
    public long SkippedFrames => _adapter.SkippedFrames;

    /// <summary>Opens the connection now (requests also connect on demand).</summary>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var timeout = StartTimeout(Options.Timeout, cancellationToken, out var registration);
            try
            {
                await ConnectCoreAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModbusTimeoutException($"Connecting to {Description} took longer than {Options.Timeout.TotalMilliseconds:0} ms.");
            }
            finally
            {
                registration.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection; the next request reconnects.</summary>
    public async ValueTask DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _adapter.Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _adapter.DisposeAsync().ConfigureAwait(false);
            _timeout.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_disposed)
        {
            _gate.Release();
            throw new ObjectDisposedException(nameof(ModbusClient));
        }
    }

    private async ValueTask ConnectCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _adapter.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusTransportException)
        {
            ModbusMetrics.TransportErrors.Add(1);
            throw;
        }

        Interlocked.Increment(ref _connects);
        ModbusMetrics.Connects.Add(1);
    }

    // Reuses one timeout source per client: a request that completes in time leaves it resettable.
    private CancellationTokenSource StartTimeout(TimeSpan after, CancellationToken cancellationToken, out CancellationTokenRegistration registration)
    {
        if (!_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = new CancellationTokenSource();
        }

        _timeout.CancelAfter(after);
        registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timeout)
            : default;
        return _timeout;
    }

    /// <summary>
    /// Sends the PDU now in the request buffer and waits for its answer; returns the answer's PDU length (0 for an
    /// unanswered RTU broadcast). The caller holds the gate.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> TransactAsync(byte unit, int pduLength, CancellationToken cancellationToken)
    {
        var function = _adapter.RequestPdu[0];
        var limit = TimeoutOf(unit);
        var timeout = StartTimeout(limit, cancellationToken, out var registration);
        var phase = 0; // 0 connecting, 1 sending, 2 waiting for the answer
        try
        {
            if (!_adapter.Transport.IsConnected)
            {
                await ConnectCoreAsync(timeout.Token).ConfigureAwait(false);
            }

            phase = 1;
            _adapter.DiscardStaleInput();
            var transactionId = ++_transactionId;
            Interlocked.Increment(ref _requests);
            ModbusMetrics.Requests.Add(1);
            await _adapter.SendAsync(unit, transactionId, pduLength, timeout.Token).ConfigureAwait(false);
            phase = 2;
            if (unit == 0 && _adapter.IsSerialFraming)
            {
                await Task.Delay(Options.BroadcastTurnaround, timeout.Token).ConfigureAwait(false);
                return 0;
            }

            var length = await _adapter.ReceiveAsync(unit, transactionId, function, timeout.Token).ConfigureAwait(false);
            var answer = _adapter.ResponsePdu(length);
            if (answer[0] == (function | 0x80) && length == 2)
            {
                ModbusMetrics.Exceptions.Add(1);
                throw new ModbusException((ModbusFunctionCode)function, (ModbusExceptionCode)answer[1]);
            }

            return length;
        }
        catch (OperationCanceledException)
        {
            if (phase == 1)
            {
                _adapter.Close(); // a half-sent frame would corrupt the stream
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            Interlocked.Increment(ref _timeouts);
            ModbusMetrics.Timeouts.Add(1);
            throw new ModbusTimeoutException(phase == 0
                ? $"Connecting to {Description} took longer than {limit.TotalMilliseconds:0} ms."
                : $"Unit {unit} did not answer function {function} within {limit.TotalMilliseconds:0} ms on {Description}.");
        }
        catch (ModbusTransportException)
        {
            ModbusMetrics.TransportErrors.Add(1);
            throw;
        }
        finally
        {
            registration.Dispose();
        }
    }

    private void CheckUnit(byte unit, bool isWrite)
    {
        if (unit == 0 && _adapter.IsSerialFraming && !isWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unit 0 is the RTU broadcast address; only writes may be broadcast.");
        }
    }

    private static void CheckDestination(int count, int length, int max, string name)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException("count", count, $"Quantity must be 1..{max}.");
        }

        if (length < count)
        {
            throw new ArgumentException($"{name} holds {length} items; {count} are needed.", name);
        }
    }
}
