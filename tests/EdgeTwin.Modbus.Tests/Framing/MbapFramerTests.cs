using System.Buffers;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Framing;

namespace EdgeTwin.Modbus.Tests.Framing;

public sealed class MbapFramerTests
{
    // Transaction 0x1501, unit 0xFF, FC3 read 10 registers from 0.
    private static readonly byte[] Request = [0x15, 0x01, 0x00, 0x00, 0x00, 0x06, 0xFF, 0x03, 0x00, 0x00, 0x00, 0x0A];

    [Fact]
    public void Reads_header_fields_and_pdu()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Request));
        Assert.True(MbapFramer.TryRead(ref reader, out var frame));
        Assert.Equal(0x1501, frame.TransactionId);
        Assert.Equal(0xFF, frame.Unit);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 10 }, frame.Pdu.ToArray());
        Assert.Equal(Request.Length, reader.Consumed);
    }

    [Fact]
    public void Write_produces_the_same_bytes()
    {
        var buffer = new byte[32];
        var length = MbapFramer.Write(buffer, 0x1501, 0xFF, [3, 0, 0, 0, 10]);
        Assert.Equal(Request, buffer[..length]);
    }

    [Fact]
    public void Every_prefix_of_a_valid_frame_is_incomplete_and_consumes_nothing()
    {
        for (var length = 0; length < Request.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Request, 0, length));
            Assert.False(MbapFramer.TryRead(ref reader, out _), $"prefix {length}");
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Frames_split_across_segments_are_found(int segment)
    {
        var twice = Request.Concat(Request).ToArray();
        var reader = new SequenceReader<byte>(SequenceHelpers.Split(twice, segment));
        Assert.True(MbapFramer.TryRead(ref reader, out var first));
        Assert.True(MbapFramer.TryRead(ref reader, out var second));
        Assert.False(MbapFramer.TryRead(ref reader, out _));
        Assert.Equal(first.Pdu.ToArray(), second.Pdu.ToArray());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Protocol_id_other_than_zero_throws()
    {
        var bad = (byte[])Request.Clone();
        bad[3] = 1;
        var ex = Assert.Throws<ModbusProtocolException>(() => Read(bad));
        Assert.Contains("protocol id 1", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(0xFFFF)]
    public void Length_outside_2_to_254_throws_before_buffering(int length)
    {
        var bad = (byte[])Request.Clone();
        bad[4] = (byte)(length >> 8);
        bad[5] = (byte)length;
        var ex = Assert.Throws<ModbusProtocolException>(() => Read(bad[..7]));
        Assert.Contains($"MBAP length {length}", ex.Message);
    }

    private static void Read(byte[] data)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(data));
        MbapFramer.TryRead(ref reader, out _);
    }
}
