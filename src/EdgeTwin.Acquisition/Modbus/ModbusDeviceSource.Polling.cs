using System.Runtime.CompilerServices;
using EdgeTwin.Core.Samples;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>One poll cycle: reading blocks, isolating failing points, decoding into the batch.</summary>
public sealed partial class ModbusDeviceSource
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SampleBatch> PollAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var capacity = 0;
        for (var c = 0; c < _classes.Length; c++)
        {
            _due[c] = _classes[c].NextDue <= now;
            capacity += _due[c] ? _classes[c].PointCount : 0;
        }

        var batch = SampleBatch.Rent(Device, now.UtcDateTime, capacity);
        BeginCycle();
        for (var c = 0; c < _classes.Length; c++)
        {
            if (!_due[c])
            {
                continue;
            }

            foreach (var group in _classes[c].Groups)
            {
                if (group.HasConstraints && now - group.PlannedAt >= ReplanInterval)
                {
                    group.Replan(now);
                    ModbusSourceLog.Replanned(_logger, _config.Id, group.Blocks.Count, null);
                }

                var blocks = group.Blocks; // isolation replaces the list; finish this cycle on the old one
                if (_reads.Length > 0)
                {
                    await PollPipelinedAsync(group, blocks, batch, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                for (var b = 0; b < blocks.Count; b++)
                {
                    await PollBlockAsync(group, blocks[b], batch, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return batch;
    }

    private void BeginCycle()
    {
        _answered = 0;
        _communicationFailures = 0;
        _badPoints = 0;
        _firstError = null;
        Array.Clear(_unitAnswered);
        Array.Clear(_unitFailure);
    }

    /// <summary>
    /// Reads the blocks of <paramref name="group"/> with several requests outstanding (<see cref="ModbusClient.ReadManyAsync"/>),
    /// then settles them in order: answered blocks are decoded, failed ones go through the same retries and isolation as
    /// one-at-a-time polling, their pipelined attempt counting as the first.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PollPipelinedAsync(ModbusBlockGroup group, List<ModbusReadBlock> blocks, SampleBatch batch, CancellationToken cancellationToken)
    {
        for (var start = 0; start < blocks.Count; start += _reads.Length)
        {
            var count = Math.Min(_reads.Length, blocks.Count - start);
            var read = _unitFailure[group.Unit] is null;
            if (read)
            {
                for (var i = 0; i < count; i++)
                {
                    var block = blocks[start + i];
                    _reads[i] = block.Bits is { } bits
                        ? new ModbusRead(block.Unit, block.Table, block.Address, block.Count, bits)
                        : new ModbusRead(block.Unit, block.Table, block.Address, block.Count, block.Registers);
                }

                await _client.ReadManyAsync(_reads.AsMemory(0, count), _failures.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                NoteReconnects();
            }

            for (var i = 0; i < count; i++)
            {
                var block = blocks[start + i];
                var failure = _failures[i];
                _failures[i] = null;
                if (read && failure is null)
                {
                    Answered(block.Unit);
                    Decode(block, batch);
                    continue;
                }

                await PollBlockAsync(group, block, batch, cancellationToken, failure).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads (unless <paramref name="firstAttempt"/> already failed: then retries) and decodes one block.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PollBlockAsync(ModbusBlockGroup group, ModbusReadBlock block, SampleBatch batch, CancellationToken cancellationToken, ModbusFaultException? firstAttempt = null)
    {
        if (_unitFailure[block.Unit] is { } unreachable)
        {
            // This unit gave no answer at all this cycle: do not spend another timeout on it.
            AddBad(block, batch, unreachable);
            return;
        }

        var failure = await ReadAsync(block, cancellationToken, firstAttempt).ConfigureAwait(false);
        if (failure is null)
        {
            Decode(block, batch);
            return;
        }

        if (failure is ModbusException refused)
        {
            if (IsAddressError(refused.Code) && block.Points.Length > 1 && !block.Isolated)
            {
                await SplitAsync(group, block.First, block.Last, batch, cancellationToken).ConfigureAwait(false);
                group.Rebuild();
                return;
            }

            AddBad(block, batch, block.ExceptionReason(refused.Code));
            return;
        }

        if (!_unitAnswered[block.Unit])
        {
            _unitFailure[block.Unit] = failure.Message;
        }

        AddBad(block, batch, failure.Message);
    }

    /// <summary>
    /// Points <paramref name="first"/>..<paramref name="last"/> of <paramref name="group"/> failed together with an
    /// address error: read each half; a half that fails is split again until single points remain, which are then
    /// isolated. When both halves read fine the union still failed (a gap holds an illegal address): cut there.
    /// </summary>
    private async ValueTask<bool> SplitAsync(ModbusBlockGroup group, int first, int last, SampleBatch batch, CancellationToken cancellationToken)
    {
        var middle = (first + last) / 2;
        var leftOk = await ReadPartAsync(group, first, middle, batch, cancellationToken).ConfigureAwait(false);
        var rightOk = await ReadPartAsync(group, middle + 1, last, batch, cancellationToken).ConfigureAwait(false);
        if (leftOk && rightOk)
        {
            group.AddCut(middle);
            ModbusSourceLog.Split(_logger, _config.Id, ModbusBlockPlanner.Create(group.Points, first, last, isolated: false).Range, null);
        }

        return leftOk && rightOk;
    }

    private async ValueTask<bool> ReadPartAsync(ModbusBlockGroup group, int first, int last, SampleBatch batch, CancellationToken cancellationToken)
    {
        var part = ModbusBlockPlanner.Create(group.Points, first, last, isolated: first == last);
        var failure = await ReadAsync(part, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            Decode(part, batch);
            return true;
        }

        if (failure is ModbusException refused && IsAddressError(refused.Code))
        {
            if (first == last)
            {
                group.Isolate(first);
                var reason = part.ExceptionReason(refused.Code);
                ModbusSourceLog.Isolated(_logger, _config.Id, part.Points[0].Key, reason, null);
                AddBad(part, batch, reason);
                return false;
            }

            await SplitAsync(group, first, last, batch, cancellationToken).ConfigureAwait(false);
            return false;
        }

        AddBad(part, batch, failure is ModbusException other ? part.ExceptionReason(other.Code) : failure.Message);
        return false;
    }

    /// <summary>
    /// Reads a block with retries; returns null on success, else the last failure (never throws for device faults).
    /// <paramref name="firstAttempt"/> is the failure of an attempt already made (a pipelined read).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ModbusFaultException?> ReadAsync(ModbusReadBlock block, CancellationToken cancellationToken, ModbusFaultException? firstAttempt = null)
    {
        var last = firstAttempt;
        var attempt = 0;
        if (firstAttempt is not null)
        {
            if (Refused(block.Unit, firstAttempt))
            {
                return firstAttempt;
            }

            attempt = 1;
        }

        for (; attempt <= _config.Retries; attempt++)
        {
            try
            {
                if (block.Bits is { } bits)
                {
                    await _client.ReadBitsAsync(block.Table, block.Unit, block.Address, block.Count, bits, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _client.ReadRegistersAsync(block.Table, block.Unit, block.Address, block.Count, block.Registers, cancellationToken).ConfigureAwait(false);
                }

                Answered(block.Unit);
                return null;
            }
            catch (ModbusFaultException ex)
            {
                if (Refused(block.Unit, ex))
                {
                    return ex;
                }

                last = ex;
            }
            finally
            {
                NoteReconnects();
            }
        }

        _communicationFailures++;
        return last;
    }

    /// <summary>Counts a failed attempt; true when the device answered with an exception (retrying will not change the answer).</summary>
    private bool Refused(byte unit, ModbusFaultException failure)
    {
        if (failure is ModbusException)
        {
            // The device answered: not a communication failure.
            Answered(unit);
            Status.CountError(timeout: false);
            return true;
        }

        Status.CountError(timeout: failure is ModbusTimeoutException);
        return false;
    }

    private void Answered(byte unit)
    {
        _answered++;
        _unitAnswered[unit] = true;
    }

    private void NoteReconnects()
    {
        var connects = _client.Connects;
        if (connects > _knownConnects)
        {
            if (_knownConnects > 0)
            {
                Status.CountReconnect();
            }

            _knownConnects = connects;
        }
    }

    private void Decode(ModbusReadBlock block, SampleBatch batch)
    {
        var timestamp = _time.GetUtcNow().UtcDateTime;
        if (block.Bits is { } bits)
        {
            foreach (var point in block.Points)
            {
                batch.Add(new Sample(point.Index, timestamp, bits[point.Address - block.Address] ? 1 : 0, Quality.Good));
            }

            return;
        }

        var data = block.Registers.AsSpan();
        foreach (var point in block.Points)
        {
            var registers = data.Slice((point.Address - block.Address) * 2, point.Width * 2);
            switch (point.Type)
            {
                case ModbusDataType.Bool:
                    var on = point.Bit is { } bit ? ModbusValueCodec.ReadBit(registers, bit) : ModbusValueCodec.ReadUInt16(registers) != 0;
                    batch.Add(new Sample(point.Index, timestamp, on ? 1 : 0, Quality.Good));
                    break;
                case ModbusDataType.String:
                    batch.Add(new Sample(point.Index, timestamp, double.NaN, Quality.Good, DecodeText(point, registers)));
                    break;
                default:
                    var raw = ModbusValueCodec.ReadNumber(registers, point.Type, point.Order);
                    if (double.IsNaN(raw))
                    {
                        batch.Add(Sample.Bad(point.Index, timestamp, NotANumber));
                        Bad(NotANumber);
                        break;
                    }

                    batch.Add(new Sample(point.Index, timestamp, point.Scaled ? point.ToEngineering(raw) : raw, Quality.Good));
                    break;
            }
        }
    }

    // Reuses the previous string while the device's text is unchanged, so steady polling allocates nothing.
    private static string DecodeText(ModbusPoint point, ReadOnlySpan<byte> registers)
    {
        Span<char> chars = stackalloc char[registers.Length];
        var text = chars[..ModbusValueCodec.ReadString(registers, point.Order, chars)];
        if (point.LastText is { } last && text.SequenceEqual(last))
        {
            return last;
        }

        return point.LastText = new string(text);
    }

    private void AddBad(ModbusReadBlock block, SampleBatch batch, string reason)
    {
        var timestamp = _time.GetUtcNow().UtcDateTime;
        foreach (var point in block.Points)
        {
            batch.Add(Sample.Bad(point.Index, timestamp, reason));
            Bad(reason);
        }
    }

    private void Bad(string reason)
    {
        _badPoints++;
        _firstError ??= reason;
    }

    private static bool IsAddressError(ModbusExceptionCode code) =>
        code is ModbusExceptionCode.IllegalDataAddress or ModbusExceptionCode.IllegalDataValue;
}
