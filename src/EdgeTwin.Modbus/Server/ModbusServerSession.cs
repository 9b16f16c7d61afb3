using System.Buffers;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Transport;

namespace EdgeTwin.Modbus.Server;

/// <summary>
/// Serves one connection (or one serial line): reads frames, lets the handler answer them, writes the answers in
/// order. MBAP framing errors end the session (the stream cannot be resynchronised); RTU noise is skipped.
/// </summary>
internal sealed class ModbusServerSession
{
    private readonly IModbusTransport _transport;
    private readonly ModbusFrameFormat _format;
    private readonly ModbusRequestHandler _handler;
    private readonly ModbusServerStatistics _statistics;
    private readonly TimeSpan _responseDelay;
    private readonly RtuFramer _rtuFramer = new(RtuFrameDirection.Requests);

    public ModbusServerSession(IModbusTransport transport, ModbusFrameFormat format, ModbusRequestHandler handler, ModbusServerStatistics statistics, TimeSpan responseDelay)
    {
        _transport = transport;
        _format = format;
        _handler = handler;
        _statistics = statistics;
        _responseDelay = responseDelay;
    }

    /// <summary>Serves until the peer closes, a framing error, or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var receive = ArrayPool<byte>.Shared.Rent(ModbusLimits.MaxTcpAduLength * 2);
        var send = ArrayPool<byte>.Shared.Rent(ModbusLimits.MaxTcpAduLength);
        var start = 0;
        var end = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                end += await _transport.ReadAsync(receive.AsMemory(end, receive.Length - end), cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var length = TryAnswer(receive, ref start, end, send);
                    if (length < 0)
                    {
                        break;
                    }

                    if (length > 0)
                    {
                        if (_responseDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(_responseDelay, cancellationToken).ConfigureAwait(false);
                        }

                        await _transport.WriteAsync(send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    }
                }

                receive.AsSpan(start, end - start).CopyTo(receive);
                end -= start;
                start = 0;
            }
        }
        catch (ModbusProtocolException ex)
        {
            _statistics.CountProtocolError();
            _statistics.LastError = ex;
        }
        catch (ModbusTransportException)
        {
            // The peer closed the connection: the normal end of a TCP session.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Server stopping.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(receive);
            ArrayPool<byte>.Shared.Return(send);
        }
    }

    // Returns the ADU length to send (0: a frame that needs no answer), or -1 when no complete frame is buffered.
    private int TryAnswer(byte[] receive, ref int start, int end, byte[] send)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(receive, start, end - start));
        Span<byte> pdu = stackalloc byte[ModbusLimits.MaxPduLength];
        int answer;
        if (_format == ModbusFrameFormat.Mbap)
        {
            if (!MbapFramer.TryRead(ref reader, out var frame))
            {
                start += (int)reader.Consumed;
                return -1;
            }

            frame.Pdu.CopyTo(pdu);
            var responsePdu = send.AsSpan(ModbusLimits.MbapHeaderLength, ModbusLimits.MaxPduLength);
            var length = _handler.Handle(frame.Unit, pdu[..(int)frame.Pdu.Length], responsePdu);
            answer = length == 0 ? 0 : ModbusLimits.MbapHeaderLength + length;
            if (length > 0)
            {
                MbapFramer.WriteHeader(send, frame.TransactionId, frame.Unit, length);
                _statistics.CountRequest(exception: (responsePdu[0] & 0x80) != 0);
            }
        }
        else
        {
            var discarded = _rtuFramer.DiscardedBytes;
            var found = _rtuFramer.TryRead(ref reader, out var frame);
            if (_rtuFramer.DiscardedBytes != discarded)
            {
                _statistics.CountProtocolError();
            }

            if (!found)
            {
                start += (int)reader.Consumed;
                return -1;
            }

            frame.Pdu.CopyTo(pdu);
            var responsePdu = send.AsSpan(1, ModbusLimits.MaxPduLength);
            var length = _handler.Handle(frame.Unit, pdu[..(int)frame.Pdu.Length], responsePdu, broadcast: frame.Unit == 0);
            answer = 0;
            if (length > 0)
            {
                send[0] = frame.Unit;
                answer = Crc16.Append(send, 1 + length);
                _statistics.CountRequest(exception: (responsePdu[0] & 0x80) != 0);
            }
        }

        start += (int)reader.Consumed;
        return answer;
    }
}
