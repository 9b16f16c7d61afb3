using System.Buffers;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Fuzzing;
using EdgeTwin.Modbus.Protocol;
using FsCheck.Xunit;

namespace EdgeTwin.Modbus.Tests.Properties;

public sealed class FramerProperties
{
    [Property(MaxTest = 500)]
    public void Random_bytes_never_break_a_decoder_invariant(byte[] input)
    {
        Assert.True(ModbusFuzz.Check(input, out var failure), failure);
    }

    [Property(MaxTest = 500)]
    public void Mbap_framer_consumes_nothing_when_incomplete_and_never_buffers_more_than_one_adu(byte[] input)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        try
        {
            while (MbapFramer.TryRead(ref reader, out var frame))
            {
                Assert.InRange(frame.Pdu.Length, 1, ModbusLimits.MaxPduLength);
            }

            Assert.True(reader.Remaining < ModbusLimits.MaxTcpAduLength);
        }
        catch (ModbusProtocolException)
        {
            // Malformed header: the specific exception, and the caller closes the connection.
        }
    }

    [Property(MaxTest = 500)]
    public void Rtu_framers_never_buffer_more_than_one_adu(byte[] input, bool requests)
    {
        var framer = new RtuFramer(requests ? RtuFrameDirection.Requests : RtuFrameDirection.Responses);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        var frames = 0;
        while (framer.TryRead(ref reader, out _))
        {
            frames++;
        }

        Assert.True(reader.Remaining < ModbusLimits.MaxRtuAduLength);
        Assert.Equal(input.Length, reader.Consumed + reader.Remaining);
        Assert.True(framer.DiscardedBytes <= input.Length);
        Assert.True(frames * ModbusLimits.MinRtuAduLength <= input.Length);
    }

    [Property(MaxTest = 300)]
    public void Rtu_framer_finds_a_frame_behind_noise(byte[] noise, byte unit, ushort address, byte count)
    {
        noise = noise.Length > 20 ? noise[..20] : noise;
        var pdu = new byte[8];
        var pduLength = ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadHoldingRegisters, (ushort)(address % 60000), 1 + count % 125);
        var adu = new byte[16];
        var aduLength = RtuFramer.Write(adu, unit, pdu.AsSpan(0, pduLength));

        // Zeros after the frame end any bogus length that noise announced (on a line, silence does that).
        var stream = noise.Concat(adu[..aduLength]).Concat(new byte[ModbusLimits.MaxRtuAduLength]).ToArray();
        var framer = new RtuFramer(RtuFrameDirection.Requests);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(stream));
        var found = false;
        while (framer.TryRead(ref reader, out var frame))
        {
            found |= frame.Unit == unit && frame.Pdu.ToArray().AsSpan().SequenceEqual(pdu.AsSpan(0, pduLength));
        }

        Assert.True(found);
    }

    [Property(MaxTest = 300)]
    public void Read_requests_survive_encode_and_decode(byte function, ushort address, ushort count)
    {
        var fc = (ModbusFunctionCode)(1 + function % 4);
        var max = fc is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;
        var n = 1 + count % max;
        var start = (ushort)Math.Min(address, ModbusLimits.AddressSpace - n);
        var pdu = new byte[8];
        var length = ModbusRequestEncoder.Read(pdu, fc, start, n);
        Assert.True(ModbusRequestDecoder.TryDecode(pdu.AsSpan(0, length), out var request, out _));
        Assert.Equal(fc, request.Function);
        Assert.Equal(start, request.Address);
        Assert.Equal(n, request.Count);
    }

    [Property(MaxTest = 300)]
    public void Bit_packing_round_trips(bool[] bits)
    {
        var packed = new byte[BitPacking.ByteCount(bits.Length)];
        BitPacking.Pack(bits, packed);
        var unpacked = new bool[bits.Length];
        BitPacking.Unpack(packed, unpacked);
        Assert.Equal(bits, unpacked);
        if (bits.Length % 8 != 0)
        {
            Assert.Equal(0, packed[^1] >> (bits.Length % 8)); // padding bits are zero
        }
    }
}
