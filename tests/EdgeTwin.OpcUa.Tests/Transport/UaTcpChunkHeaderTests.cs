using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Transport;
using static EdgeTwin.OpcUa.Tests.Encoding.CodecHelpers;

namespace EdgeTwin.OpcUa.Tests.Transport;

public sealed class UaTcpChunkHeaderTests
{
    [Fact]
    public void Header_round_trips_and_every_prefix_is_incomplete()
    {
        var bytes = new byte[8];
        new UaTcpChunkHeader(UaTcpMessageType.Message, UaTcpChunkHeader.Intermediate, 4096).Write(bytes);

        Assert.Equal(Hex("4D5347 43 00100000"), bytes);
        for (var length = 0; length < 8; length++)
        {
            Assert.False(UaTcpChunkHeader.TryRead(bytes.AsSpan(0, length), 65536, out _));
        }

        Assert.True(UaTcpChunkHeader.TryRead(bytes, 65536, out var header));
        Assert.Equal(new UaTcpChunkHeader(UaTcpMessageType.Message, (byte)'C', 4096), header);
    }

    [Theory]
    [InlineData("58595A 46 20000000", StatusCodes.BadTcpMessageTypeInvalid)] // XYZ
    [InlineData("41434B 43 20000000", StatusCodes.BadTcpMessageTypeInvalid)] // ACK cannot be intermediate
    [InlineData("4D5347 58 20000000", StatusCodes.BadTcpMessageTypeInvalid)] // chunk type X
    [InlineData("4D5347 46 08000000", StatusCodes.BadTcpMessageTypeInvalid)] // smaller than a secured header
    [InlineData("4D5347 46 01000100", StatusCodes.BadTcpMessageTooLarge)]    // 65537 > 65536
    public void Malformed_headers_are_rejected_with_a_specific_status(string hex, uint status)
    {
        var error = Assert.Throws<OpcUaException>(() => UaTcpChunkHeader.TryRead(Hex(hex), 65536, out _));
        Assert.Equal(status, error.StatusCode.Code);
    }

    [Fact]
    public void Hello_and_acknowledge_have_the_spec_layout()
    {
        var hello = new HelloMessage(0, 65536, 65536, 0, 0, "opc.tcp://h:1");
        var bytes = Encode(hello.Encode);
        Assert.Equal(Hex("00000000 00000100 00000100 00000000 00000000 0D000000") .Concat("opc.tcp://h:1"u8.ToArray()).ToArray(), bytes);
        Assert.Equal(hello, HelloMessage.Decode(new BinaryDecoder(bytes)));

        var ack = new AcknowledgeMessage(0, 8192, 8192, 1000, 5);
        Assert.Equal(ack, AcknowledgeMessage.Decode(new BinaryDecoder(Encode(ack.Encode))));
        var error = new ErrorMessage(StatusCodes.BadTcpServerTooBusy, "busy");
        Assert.Equal(error, ErrorMessage.Decode(new BinaryDecoder(Encode(error.Encode))));
    }

    [Fact]
    public async Task Connection_rejects_an_oversized_chunk_before_reading_its_body()
    {
        var stream = new MemoryStream(Hex("4D5347 46 FFFFFF7F"));
        await using var connection = new UaTcpConnection(stream);
        var error = await Assert.ThrowsAsync<OpcUaException>(async () => await connection.ReadChunkAsync(65536));
        Assert.Equal(StatusCodes.BadTcpMessageTooLarge, error.StatusCode.Code);
    }

    [Fact]
    public async Task Connection_reports_a_closed_stream_as_BadConnectionClosed()
    {
        await using var connection = new UaTcpConnection(new MemoryStream(Hex("4D5347 46 20000000 0102")));
        var error = await Assert.ThrowsAsync<OpcUaException>(async () => await connection.ReadChunkAsync(65536));
        Assert.Equal(StatusCodes.BadConnectionClosed, error.StatusCode.Code);
    }
}
