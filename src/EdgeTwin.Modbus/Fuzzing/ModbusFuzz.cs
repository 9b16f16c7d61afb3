using System.Buffers;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;

namespace EdgeTwin.Modbus.Fuzzing;

/// <summary>
/// Throws random and mutated frames at the framers, decoders and the server handler and checks their invariants:
/// only the specific Modbus exceptions are thrown, "incomplete" consumes nothing and never buffers more than one
/// ADU, accepted RTU frames carry a good CRC, handler answers fit a PDU. Deterministic for a given seed.
/// </summary>
public sealed class ModbusFuzz
{
    private readonly Random _random;
    private readonly byte[] _input = new byte[ModbusLimits.MaxTcpAduLength * 2];
    private readonly byte[] _response = new byte[ModbusLimits.MaxPduLength];
    private readonly bool[] _bits = new bool[ModbusLimits.MaxReadBits];
    private readonly ushort[] _registers = new ushort[ModbusLimits.MaxReadRegisters];
    private readonly ModbusRequestHandler _handler;
    private readonly RtuFramer _rtuRequests = new(RtuFrameDirection.Requests);
    private readonly RtuFramer _rtuResponses = new(RtuFrameDirection.Responses);
    private long _bytes, _frames, _incomplete, _protocolErrors, _exceptionResponses, _serverAnswers, _failures;
    private string? _firstFailure;

    private ModbusFuzz(int seed)
    {
        _random = new Random(seed);
        var store = new ModbusMemoryStore();
        var memory = store.AddUnit(1, new ModbusUnitMemory(coils: 100, discreteInputs: 100, holdingRegisters: 100, inputRegisters: 100));
        memory.AddHole(Protocol.ModbusDataTable.HoldingRegisters, 50);
        store.AddUnit(2);
        _handler = new ModbusRequestHandler(store);
    }

    /// <summary>Runs <paramref name="iterations"/> inputs from <paramref name="seed"/>; returns the counts.</summary>
    public static ModbusFuzzReport Run(long iterations, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var fuzz = new ModbusFuzz(seed);
        for (long i = 0; i < iterations; i++)
        {
            fuzz.RunOne(i);
        }

        return new ModbusFuzzReport
        {
            Iterations = iterations,
            Bytes = fuzz._bytes,
            Frames = fuzz._frames,
            Incomplete = fuzz._incomplete,
            ProtocolErrors = fuzz._protocolErrors,
            ExceptionResponses = fuzz._exceptionResponses,
            RtuDiscardedBytes = fuzz._rtuRequests.DiscardedBytes + fuzz._rtuResponses.DiscardedBytes,
            ServerAnswers = fuzz._serverAnswers,
            Failures = fuzz._failures,
            FirstFailure = fuzz._firstFailure,
        };
    }

    /// <summary>Checks one given input against every decoder (for property tests); returns false on a broken invariant.</summary>
    public static bool Check(ReadOnlySpan<byte> input, out string? failure)
    {
        var fuzz = new ModbusFuzz(0);
        input[..Math.Min(input.Length, fuzz._input.Length)].CopyTo(fuzz._input);
        fuzz.Feed(Math.Min(input.Length, fuzz._input.Length));
        failure = fuzz._firstFailure;
        return fuzz._failures == 0;
    }

    private void RunOne(long iteration)
    {
        var length = (iteration % 6) switch
        {
            0 => RandomBytes(),
            1 => Mutate(ValidMbap()),
            2 => Mutate(ValidRtu(requests: _random.Next(2) == 0)),
            3 => NoisyRtu(),
            4 => Mutate(RandomPdu()),
            _ => Mutate(ValidPdu()),
        };
        Feed(length);
    }

    private void Feed(int length)
    {
        _bytes += length;
        var input = _input.AsSpan(0, length);
        Guard(input, "MBAP framer", static (f, i) => f.DrainMbap(i));
        Guard(input, "RTU request framer", static (f, i) => f.DrainRtu(i, f._rtuRequests));
        Guard(input, "RTU response framer", static (f, i) => f.DrainRtu(i, f._rtuResponses));
        Guard(input, "server handler", static (f, i) => f.Serve(i));
        Guard(input, "response decoder", static (f, i) => f.DecodeResponse(i));
    }

    private delegate void Step(ModbusFuzz fuzz, ReadOnlySpan<byte> input);

    private void Guard(ReadOnlySpan<byte> input, string what, Step step)
    {
        try
        {
            step(this, input);
        }
        catch (ModbusProtocolException)
        {
            _protocolErrors++;
        }
        catch (ModbusException)
        {
            _exceptionResponses++;
        }
        catch (Exception ex)
        {
            Fail($"{what}: {ex.GetType().Name}: {ex.Message}", input);
        }
    }

    private void DrainMbap(ReadOnlySpan<byte> input)
    {
        var sequence = new ReadOnlySequence<byte>(_input, 0, input.Length);
        var reader = new SequenceReader<byte>(sequence);
        while (true)
        {
            var before = reader.Consumed;
            if (!MbapFramer.TryRead(ref reader, out var frame))
            {
                if (reader.Consumed != before)
                {
                    Fail("MBAP framer consumed bytes but reported incomplete", input);
                }

                if (reader.Remaining >= ModbusLimits.MaxTcpAduLength)
                {
                    Fail("MBAP framer wants more than one ADU", input);
                }

                _incomplete++;
                return;
            }

            if (frame.Pdu.Length < 1 || frame.Pdu.Length > ModbusLimits.MaxPduLength)
            {
                Fail($"MBAP frame with a {frame.Pdu.Length}-byte PDU", input);
            }

            _frames++;
        }
    }

    private void DrainRtu(ReadOnlySpan<byte> input, RtuFramer framer)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_input, 0, input.Length));
        Span<byte> adu = stackalloc byte[ModbusLimits.MaxRtuAduLength];
        while (true)
        {
            var start = (int)reader.Consumed;
            if (!framer.TryRead(ref reader, out var frame))
            {
                if (reader.Remaining >= ModbusLimits.MaxRtuAduLength)
                {
                    Fail("RTU framer wants more than one ADU", input);
                }

                _incomplete++;
                return;
            }

            // The frame must be a CRC-checked slice of the input.
            var length = (int)frame.Pdu.Length + 3;
            var end = (int)reader.Consumed;
            input.Slice(end - length, length).CopyTo(adu);
            if (end - length < start || !Crc16.Check(adu[..length]) || adu[0] != frame.Unit)
            {
                Fail("RTU framer returned a frame that is not a CRC-valid slice of the input", input);
            }

            _frames++;
        }
    }

    private void Serve(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var pdu = input[..Math.Min(input.Length, ModbusLimits.MaxPduLength)];
        var unit = (byte)(input[0] % 3);
        var length = _handler.Handle(unit, pdu, _response, broadcast: unit == 0);
        if (length < 0 || length > ModbusLimits.MaxPduLength)
        {
            Fail($"handler answered {length} bytes", input);
        }

        if (length > 0)
        {
            _serverAnswers++;
        }
    }

    private void DecodeResponse(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var pdu = input[1..Math.Min(input.Length, ModbusLimits.MaxPduLength + 1)];
        var count = 1 + input[0] % ModbusLimits.MaxReadRegisters;
        switch (input[0] % 5)
        {
            case 0:
                ModbusResponseDecoder.ReadBits(pdu, ModbusFunctionCode.ReadCoils, count * 16, _bits);
                break;
            case 1:
                ModbusResponseDecoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, count, _registers);
                break;
            case 2:
                ModbusResponseDecoder.CheckWriteMultiple(pdu, ModbusFunctionCode.WriteMultipleRegisters, (ushort)count, count);
                break;
            case 3:
                Span<byte> request = [5, 0, 1, 0xFF, 0];
                ModbusResponseDecoder.CheckEcho(pdu, request);
                break;
            default:
                ModbusResponseDecoder.ReadRegisters(pdu, ModbusFunctionCode.ReadWriteMultipleRegisters, count, _registers);
                break;
        }
    }

    private int RandomBytes()
    {
        var length = _random.Next(0, ModbusLimits.MaxTcpAduLength + 40);
        _random.NextBytes(_input.AsSpan(0, length));
        return length;
    }

    private int ValidPdu()
    {
        var pdu = _input.AsSpan(0, ModbusLimits.MaxPduLength);
        var address = (ushort)_random.Next(0, 120);
        switch (_random.Next(9))
        {
            case 0: return ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadCoils, address, _random.Next(1, 2001 - address % 2000));
            case 1: return ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadDiscreteInputs, address, _random.Next(1, 50));
            case 2: return ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadHoldingRegisters, address, _random.Next(1, 126));
            case 3: return ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadInputRegisters, address, _random.Next(1, 126));
            case 4: return ModbusRequestEncoder.WriteSingleCoil(pdu, address, _random.Next(2) == 0);
            case 5: return ModbusRequestEncoder.WriteSingleRegister(pdu, address, (ushort)_random.Next(65536));
            case 6:
                Span<bool> bits = stackalloc bool[_random.Next(1, ModbusLimits.MaxWriteBits + 1)];
                return ModbusRequestEncoder.WriteMultipleCoils(pdu, address, bits);
            case 7:
                Span<ushort> registers = stackalloc ushort[_random.Next(1, ModbusLimits.MaxWriteRegisters + 1)];
                return ModbusRequestEncoder.WriteMultipleRegisters(pdu, address, registers);
            default:
                Span<ushort> written = stackalloc ushort[_random.Next(1, ModbusLimits.MaxReadWriteWriteRegisters + 1)];
                return ModbusRequestEncoder.ReadWriteMultipleRegisters(pdu, address, _random.Next(1, 126), (ushort)_random.Next(0, 120), written);
        }
    }

    private int RandomPdu()
    {
        var length = _random.Next(1, 16);
        _random.NextBytes(_input.AsSpan(0, length));
        _input[0] = (byte)_random.Next(0, 30);
        return length;
    }

    private int ValidMbap()
    {
        Span<byte> pdu = stackalloc byte[ModbusLimits.MaxPduLength];
        var pduLength = ValidPdu();
        _input.AsSpan(0, pduLength).CopyTo(pdu);
        return MbapFramer.Write(_input, (ushort)_random.Next(65536), (byte)_random.Next(256), pdu[..pduLength]);
    }

    private int ValidRtu(bool requests)
    {
        Span<byte> pdu = stackalloc byte[ModbusLimits.MaxPduLength];
        int pduLength;
        if (requests)
        {
            pduLength = ValidPdu();
            _input.AsSpan(0, pduLength).CopyTo(pdu);
        }
        else
        {
            pduLength = ModbusResponseEncoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, _registers.AsSpan(0, _random.Next(1, 126)));
        }

        return RtuFramer.Write(_input, (byte)_random.Next(1, 248), pdu[..pduLength]);
    }

    // Noise, then a valid frame, then noise: the RTU framers must find the frame.
    private int NoisyRtu()
    {
        Span<byte> frame = stackalloc byte[ModbusLimits.MaxRtuAduLength];
        var frameLength = ValidRtu(requests: true);
        _input.AsSpan(0, frameLength).CopyTo(frame);
        var noise = _random.Next(0, 40);
        _random.NextBytes(_input.AsSpan(0, noise));
        frame[..frameLength].CopyTo(_input.AsSpan(noise));
        var tail = _random.Next(0, 10);
        _random.NextBytes(_input.AsSpan(noise + frameLength, tail));
        return noise + frameLength + tail;
    }

    private int Mutate(int length)
    {
        var mutations = _random.Next(0, 4);
        for (var m = 0; m < mutations && length > 0; m++)
        {
            switch (_random.Next(5))
            {
                case 0: // flip a bit
                    _input[_random.Next(length)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1: // replace a byte
                    _input[_random.Next(length)] = (byte)_random.Next(256);
                    break;
                case 2: // truncate
                    length = _random.Next(length);
                    break;
                case 3: // insert a byte
                    if (length < _input.Length)
                    {
                        var at = _random.Next(length + 1);
                        _input.AsSpan(at, length - at).CopyTo(_input.AsSpan(at + 1));
                        _input[at] = (byte)_random.Next(256);
                        length++;
                    }

                    break;
                default: // repeat the frame (pipelined requests)
                    var copy = Math.Min(length, _input.Length - length);
                    _input.AsSpan(0, copy).CopyTo(_input.AsSpan(length));
                    length += copy;
                    break;
            }
        }

        return length;
    }

    private void Fail(string what, ReadOnlySpan<byte> input)
    {
        _failures++;
        _firstFailure ??= $"{what}; input {Convert.ToHexString(input)}";
    }
}
