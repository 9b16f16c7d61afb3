using System.Buffers;
using EdgeTwin.Modbus.Codec;
using EdgeTwin.Modbus.Framing;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tests.Framing;

public sealed class RtuFramerTests
{
    [Fact]
    public void Crc_matches_known_frames()
    {
        // Unit 1, FC3, read 10 registers from 0: CRC C5 CD (low byte first).
        byte[] request = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD];
        Assert.True(Crc16.Check(request));
        Assert.Equal(0xCDC5, Crc16.Compute(request.AsSpan(0, 6)));
        // The pymodbus answer recorded in RECIPES.md: HR0=1234, HR1=2020.
        Assert.True(Crc16.Check(Convert.FromHexString("01030404D207E45941")));
    }

    public static TheoryData<byte[], RtuFrameDirection> ValidFrames()
    {
        var data = new TheoryData<byte[], RtuFrameDirection>();
        var pdu = new byte[ModbusLimits.MaxPduLength];
        void Add(int pduLength, RtuFrameDirection direction, byte unit = 17)
        {
            var adu = new byte[ModbusLimits.MaxRtuAduLength];
            var length = RtuFramer.Write(adu, unit, pdu.AsSpan(0, pduLength));
            data.Add(adu[..length], direction);
        }

        Add(ModbusRequestEncoder.Read(pdu, ModbusFunctionCode.ReadCoils, 19, 37), RtuFrameDirection.Requests);
        Add(ModbusRequestEncoder.WriteSingleRegister(pdu, 1, 3), RtuFrameDirection.Requests);
        Add(ModbusRequestEncoder.WriteMultipleCoils(pdu, 19, new bool[10]), RtuFrameDirection.Requests);
        Add(ModbusRequestEncoder.WriteMultipleRegisters(pdu, 1, new ushort[123]), RtuFrameDirection.Requests);
        Add(ModbusRequestEncoder.ReadWriteMultipleRegisters(pdu, 3, 6, 14, new ushort[121]), RtuFrameDirection.Requests);
        Add(ModbusRequestEncoder.WriteSingleCoil(pdu, 1, true), RtuFrameDirection.Requests, unit: 0);
        Add(ModbusResponseEncoder.ReadBits(pdu, ModbusFunctionCode.ReadCoils, new bool[2000]), RtuFrameDirection.Responses);
        Add(ModbusResponseEncoder.ReadRegisters(pdu, ModbusFunctionCode.ReadHoldingRegisters, new ushort[125]), RtuFrameDirection.Responses);
        Add(ModbusResponseEncoder.ReadRegisters(pdu, ModbusFunctionCode.ReadWriteMultipleRegisters, new ushort[2]), RtuFrameDirection.Responses);
        Add(ModbusResponseEncoder.WriteSingle(pdu, ModbusFunctionCode.WriteSingleCoil, 4, 0xFF00), RtuFrameDirection.Responses);
        Add(ModbusResponseEncoder.WriteMultiple(pdu, ModbusFunctionCode.WriteMultipleRegisters, 4, 9), RtuFrameDirection.Responses);
        Add(ModbusResponseEncoder.Exception(pdu, 3, ModbusExceptionCode.IllegalDataAddress), RtuFrameDirection.Responses);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFrames))]
    public void Reads_valid_frames_whole_and_split(byte[] adu, RtuFrameDirection direction)
    {
        foreach (var segment in new[] { adu.Length, 1, 5 })
        {
            var framer = new RtuFramer(direction);
            var reader = new SequenceReader<byte>(SequenceHelpers.Split(adu, segment));
            Assert.True(framer.TryRead(ref reader, out var frame));
            Assert.Equal(adu[0], frame.Unit);
            Assert.Equal(adu[1..^2], frame.Pdu.ToArray());
            Assert.Equal(adu.Length, reader.Consumed);
            Assert.Equal(0, framer.DiscardedBytes);
        }
    }

    [Theory]
    [MemberData(nameof(ValidFrames))]
    public void Every_prefix_of_a_valid_frame_is_incomplete_and_consumes_nothing(byte[] adu, RtuFrameDirection direction)
    {
        var framer = new RtuFramer(direction);
        for (var length = 0; length < adu.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(adu, 0, length));
            Assert.False(framer.TryRead(ref reader, out _), $"prefix {length}");
            Assert.Equal(0, reader.Consumed);
        }

        Assert.Equal(0, framer.DiscardedBytes);
    }

    [Fact]
    public void Garbage_in_front_of_a_frame_is_skipped()
    {
        byte[] frame = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD];
        byte[] noise = [0x00, 0xFF, 0x03, 0x99, 0x01];
        var framer = new RtuFramer(RtuFrameDirection.Requests);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(noise.Concat(frame).ToArray()));
        Assert.True(framer.TryRead(ref reader, out var found));
        Assert.Equal(1, found.Unit);
        Assert.Equal(noise.Length, framer.DiscardedBytes);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void A_frame_with_a_bad_crc_is_skipped_and_the_next_one_found()
    {
        byte[] good = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD];
        var bad = (byte[])good.Clone();
        bad[5] = 0x0B;
        var framer = new RtuFramer(RtuFrameDirection.Requests);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bad.Concat(good).ToArray()));
        Assert.True(framer.TryRead(ref reader, out var frame));
        Assert.Equal(good[1..^2], frame.Pdu.ToArray());
        Assert.Equal(bad.Length, framer.DiscardedBytes);
    }

    [Fact]
    public void Response_framer_ignores_unit_zero_and_unknown_functions()
    {
        var framer = new RtuFramer(RtuFrameDirection.Responses);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(new byte[] { 0x00, 0x07, 0x42, 0x64 }));
        Assert.False(framer.TryRead(ref reader, out _));
        Assert.Equal(3, framer.DiscardedBytes);
        Assert.Equal(1, reader.Remaining); // a lone byte could still start a frame
    }

    [Fact]
    public void Impossible_byte_count_is_not_waited_for()
    {
        // FC3 response claiming 251 bytes: more than 125 registers can hold.
        var framer = new RtuFramer(RtuFrameDirection.Responses);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(new byte[] { 0x01, 0x03, 0xFB, 0x00 }));
        Assert.False(framer.TryRead(ref reader, out _));
        Assert.True(framer.DiscardedBytes >= 1);
    }
}
