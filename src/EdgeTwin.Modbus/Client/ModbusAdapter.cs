using System.Buffers;
using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Client;

/// <summary>
/// Joins a transport and a framer on the client side: wraps a request PDU into an ADU and sends it, then reads
/// frames until the one answering the request arrives (stale or foreign frames are skipped). Owns the send and
/// receive buffers, so steady-state requests allocate nothing. Not thread-safe: the client serialises requests.
/// </summary>
internal abstract class ModbusAdapter : IAsyncDisposable
{
    private readonly byte[] _send = new byte[ModbusLimits.MaxTcpAduLength];
    private readonly byte[] _receive;
    private readonly byte[] _response = new byte[ModbusLimits.MaxPduLength];
    private int _start;
    private int _end;

    /// <summary>Creates the adapter; the receive buffer holds <paramref name="bufferedAnswers"/> whole answers (at least two).</summary>
    protected ModbusAdapter(IModbusTransport transport, int bufferedAnswers)
    {
        Transport = transport;
        _receive = new byte[ModbusLimits.MaxTcpAduLength * Math.Max(2, bufferedAnswers)];
    }

    /// <summary>The byte transport.</summary>
    public IModbusTransport Transport { get; }

    /// <summary>True when unit 0 is a broadcast that is never answered (RTU framing).</summary>
    public abstract bool IsSerialFraming { get; }

    /// <summary>Where the client encodes the next request PDU.</summary>
    public Span<byte> RequestPdu => _send.AsSpan(PduOffset, ModbusLimits.MaxPduLength);

    /// <summary>Stale, foreign or corrupt frames skipped while waiting for answers.</summary>
    public long SkippedFrames { get; protected set; }

    /// <summary>Header bytes in front of the PDU in an ADU.</summary>
    protected abstract int PduOffset { get; }

    /// <summary>The PDU of the last response.</summary>
    public ReadOnlySpan<byte> ResponsePdu(int length) => _response.AsSpan(0, length);

    /// <summary>Opens the transport and forgets buffered input.</summary>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        _start = _end = 0;
        await Transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the transport.</summary>
    public void Close()
    {
        _start = _end = 0;
        Transport.Close();
    }

    /// <summary>Sends the request PDU of <paramref name="pduLength"/> bytes now in <see cref="RequestPdu"/>.</summary>
    public ValueTask SendAsync(byte unit, ushort transactionId, int pduLength, CancellationToken cancellationToken)
    {
        var length = WriteAdu(_send, unit, transactionId, pduLength);
        return Transport.WriteAsync(_send.AsMemory(0, length), cancellationToken);
    }

    /// <summary>Drops buffered input before a new request, where the framing cannot tell old answers from new ones.</summary>
    public virtual void DiscardStaleInput()
    {
    }

    /// <summary>Reads until the response to (<paramref name="unit"/>, <paramref name="transactionId"/>, <paramref name="function"/>) arrives; returns its PDU length.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReceiveAsync(byte unit, ushort transactionId, byte function, CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = TryTakeResponse(unit, function, transactionId, 1, out _);
            if (length > 0)
            {
                return length;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the next buffered answer whose transaction id is one of the <paramref name="count"/> ids from
    /// <paramref name="firstTransactionId"/> on (RTU, which has no ids: from <paramref name="unit"/> with <paramref name="function"/>),
    /// skipping others; returns its PDU length (now in <see cref="ResponsePdu"/>) and id, or 0 when none is complete.
    /// </summary>
    public int TryTakeResponse(byte unit, byte function, ushort firstTransactionId, int count, out ushort transactionId)
    {
        while (_end > _start)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_receive, _start, _end - _start));
            bool found;
            byte frameUnit;
            ReadOnlySequence<byte> pdu;
            try
            {
                found = TryReadFrame(ref reader, unit, function, out frameUnit, out transactionId, out pdu);
            }
            catch (ModbusProtocolException)
            {
                Close();
                throw;
            }

            _start += (int)reader.Consumed;
            if (!found)
            {
                return 0;
            }

            var frameFunction = pdu.FirstSpan[0];
            if (Matches(unit, function, frameUnit, frameFunction) && (IsSerialFraming || (ushort)(transactionId - firstTransactionId) < count))
            {
                pdu.CopyTo(_response);
                return (int)pdu.Length;
            }

            SkippedFrames++;
        }

        transactionId = 0;
        return 0;
    }

    /// <summary>Receives once into the buffer (as many bytes as have arrived, at least one).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _receive.AsSpan(_start, _end - _start).CopyTo(_receive);
            _end -= _start;
            _start = 0;
        }

        if (_end == _receive.Length)
        {
            // Cannot happen with bounded framers; guard against a framer bug turning into a busy loop.
            Close();
            throw new ModbusProtocolException($"Receive buffer of {_receive.Length} bytes full without a frame from {Transport.Description}.");
        }

        _end += await Transport.ReadAsync(_receive.AsMemory(_end), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts an answer the caller did not want (a duplicate of one already taken).</summary>
    public void CountSkipped() => SkippedFrames++;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Transport.DisposeAsync();

    /// <summary>Writes header/trailer around the PDU already at <see cref="PduOffset"/>; returns the ADU length.</summary>
    protected abstract int WriteAdu(Span<byte> adu, byte unit, ushort transactionId, int pduLength);

    /// <summary>
    /// Takes the next frame from <paramref name="reader"/>: true with its identity when one is complete. Throws
    /// <see cref="ModbusProtocolException"/> when the stream cannot be resynchronised.
    /// </summary>
    protected abstract bool TryReadFrame(ref SequenceReader<byte> reader, byte expectedUnit, byte expectedFunction, out byte unit, out ushort transactionId, out ReadOnlySequence<byte> pdu);

    /// <summary>True when a frame may answer a request to <paramref name="unit"/> with <paramref name="function"/> (the transaction id is checked by the caller).</summary>
    protected abstract bool Matches(byte unit, byte function, byte frameUnit, byte frameFunction);

    /// <summary>Forgets everything buffered.</summary>
    protected void ClearBuffer() => _start = _end = 0;
}
