using System.Runtime.CompilerServices;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Client;

/// <summary>Pipelined reads: several transactions outstanding on one Modbus TCP connection.</summary>
public sealed partial class ModbusClient
{
    /// <summary>Most reads in one <see cref="ReadManyAsync"/> call.</summary>
    public const int MaxBatch = 256;

    // MBAP header and a read request PDU (function, address, quantity).
    private const int ReadAduLength = ModbusLimits.MbapHeaderLength + 5;

    /// <summary>
    /// Reads <paramref name="reads"/> with up to <see cref="ModbusClientOptions.Pipeline"/> transactions outstanding:
    /// requests go out together (one send fills the window again once half of it is answered), answers are matched
    /// by transaction id in any order; answers with an id outside the batch, or a second answer to one id, are skipped
    /// and counted in <see cref="SkippedFrames"/>. The outcome of read i is in <paramref name="failures"/>[i]: null
    /// when its destination holds the values, else its <see cref="ModbusException"/> (exception response),
    /// <see cref="ModbusProtocolException"/> (an answer that does not fit the request, or a framing error that ended
    /// the batch), or the <see cref="ModbusTimeoutException"/> or <see cref="ModbusTransportException"/> that ended
    /// the batch for the reads still unanswered. The timeout (the longest of the units' timeouts) restarts whenever
    /// answers arrive, so each read waits at most that long after the previous progress. Device faults are never
    /// thrown; caller cancellation is. Other requests of this client wait until the batch is done. Modbus TCP framing
    /// only; with <see cref="ModbusClientOptions.Pipeline"/> 1 the reads go one at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client uses RTU framing.</exception>
    /// <exception cref="ArgumentException">More than <see cref="MaxBatch"/> reads, fewer failure slots than reads, or a read whose count or destination is out of range.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadManyAsync(ReadOnlyMemory<ModbusRead> reads, Memory<ModbusFaultException?> failures, CancellationToken cancellationToken = default)
    {
        if (_adapter.IsSerialFraming)
        {
            throw new InvalidOperationException($"ReadManyAsync needs Modbus TCP framing; {Description} uses RTU frames, which carry no transaction id.");
        }

        if (reads.Length > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(reads), reads.Length, $"At most {MaxBatch} reads per batch.");
        }

        if (failures.Length < reads.Length)
        {
            throw new ArgumentException($"failures holds {failures.Length} slots; {reads.Length} are needed.", nameof(failures));
        }

        foreach (var read in reads.Span)
        {
            CheckRead(read);
        }

        if (reads.IsEmpty)
        {
            return;
        }

        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PipelineAsync(reads, failures[..reads.Length], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void CheckRead(ModbusRead read)
    {
        if (read.Table.IsBits())
        {
            CheckDestination(read.Count, read.Bits.Length, ModbusLimits.MaxReadBits, "bits");
        }
        else
        {
            CheckDestination(read.Count, read.Registers.Length / 2, ModbusLimits.MaxReadRegisters, "registers (bytes / 2)");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PipelineAsync(ReadOnlyMemory<ModbusRead> reads, Memory<ModbusFaultException?> failures, CancellationToken cancellationToken)
    {
        var total = reads.Length;
        failures.Span.Clear();
        Array.Clear(_answered, 0, total);
        var limit = TimeSpan.Zero;
        foreach (var read in reads.Span)
        {
            limit = TimeoutOf(read.Unit) > limit ? TimeoutOf(read.Unit) : limit;
        }

        var first = (ushort)(_transactionId + 1);
        _transactionId += (ushort)total;
        var sent = 0;
        var done = 0;
        var phase = 0; // 0 connecting, 1 sending, 2 waiting for answers
        var timeout = StartTimeout(limit, cancellationToken, out var registration);
        try
        {
            if (!_adapter.Transport.IsConnected)
            {
                await ConnectCoreAsync(timeout.Token).ConfigureAwait(false);
            }

            while (done < total)
            {
                // Refill once half the window is answered: fewer, fuller sends (and fewer acknowledgements to wake for).
                if (sent - done <= Options.Pipeline / 2 && sent < total)
                {
                    phase = 1;
                    var count = Math.Min(Options.Pipeline - (sent - done), total - sent);
                    var length = EncodeReads(reads.Span.Slice(sent, count), (ushort)(first + sent));
                    Interlocked.Add(ref _requests, count);
                    ModbusMetrics.Requests.Add(count);
                    await _adapter.Transport.WriteAsync(_pipelineSend.AsMemory(0, length), timeout.Token).ConfigureAwait(false);
                    sent += count;
                    phase = 2;
                }

                await _adapter.FillAsync(timeout.Token).ConfigureAwait(false);
                timeout.CancelAfter(limit);
                done += TakeAnswers(reads.Span, failures.Span, first, sent);
            }
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

            var unanswered = total - done;
            Interlocked.Add(ref _timeouts, unanswered);
            ModbusMetrics.Timeouts.Add(unanswered);
            for (var i = 0; i < total; i++)
            {
                if (!_answered[i])
                {
                    var read = reads.Span[i];
                    failures.Span[i] = new ModbusTimeoutException(phase == 0
                        ? $"Connecting to {Description} took longer than {limit.TotalMilliseconds:0} ms."
                        : $"Unit {read.Unit} did not answer function {(byte)read.Table.ReadFunction()} within {limit.TotalMilliseconds:0} ms on {Description} ({unanswered} of {total} pipelined reads unanswered).");
                }
            }
        }
        catch (ModbusTransportException ex)
        {
            ModbusMetrics.TransportErrors.Add(1);
            FailUnanswered(failures.Span, ex);
        }
        catch (ModbusProtocolException ex)
        {
            // The stream could not be resynchronised; the adapter closed the connection.
            FailUnanswered(failures.Span, ex);
        }
        finally
        {
            registration.Dispose();
        }
    }

    private int EncodeReads(ReadOnlySpan<ModbusRead> reads, ushort firstId)
    {
        var offset = 0;
        foreach (var read in reads)
        {
            var pdu = _pipelineSend.AsSpan(offset + ModbusLimits.MbapHeaderLength);
            var length = ModbusRequestEncoder.Read(pdu, read.Table.ReadFunction(), read.Address, read.Count);
            MbapFramer.WriteHeader(_pipelineSend.AsSpan(offset), firstId++, read.Unit, length);
            offset += ModbusLimits.MbapHeaderLength + length;
        }

        return offset;
    }

    // Takes every buffered answer to a sent read of this batch; returns how many reads were answered.
    private int TakeAnswers(ReadOnlySpan<ModbusRead> reads, Span<ModbusFaultException?> failures, ushort first, int sent)
    {
        var answered = 0;
        int length;
        while ((length = _adapter.TryTakeResponse(0, 0, first, sent, out var id)) > 0)
        {
            var slot = (ushort)(id - first);
            if (_answered[slot])
            {
                _adapter.CountSkipped();
                continue;
            }

            _answered[slot] = true;
            answered++;
            failures[slot] = Settle(reads[slot], _adapter.ResponsePdu(length));
        }

        return answered;
    }

    // Decodes one answer into the read's destination; returns the failure, or null.
    private static ModbusFaultException? Settle(ModbusRead read, ReadOnlySpan<byte> answer)
    {
        var function = read.Table.ReadFunction();
        if (answer[0] == ((byte)function | 0x80) && answer.Length == 2)
        {
            ModbusMetrics.Exceptions.Add(1);
            return new ModbusException(function, (ModbusExceptionCode)answer[1]);
        }

        try
        {
            if (read.Table.IsBits())
            {
                ModbusResponseDecoder.ReadBits(answer, function, read.Count, read.Bits.Span);
            }
            else
            {
                ModbusResponseDecoder.ReadRegisters(answer, function, read.Count, read.Registers.Span);
            }

            return null;
        }
        catch (ModbusProtocolException ex)
        {
            return ex;
        }
    }

    private void FailUnanswered(Span<ModbusFaultException?> failures, ModbusFaultException failure)
    {
        for (var i = 0; i < failures.Length; i++)
        {
            if (!_answered[i])
            {
                failures[i] = failure;
            }
        }
    }
}
