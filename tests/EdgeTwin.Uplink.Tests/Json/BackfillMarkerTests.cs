using System.Text;
using System.Text.Json;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Tests.Json;

public sealed class BackfillMarkerTests
{
    [Theory]
    [InlineData("{\"seq\":1,\"device\":\"plc1\"}", "{\"backfill\":true,\"seq\":1,\"device\":\"plc1\"}")]
    [InlineData("{}", "{\"backfill\":true}")]
    [InlineData("{ }", "{\"backfill\":true }")]
    public void The_mark_is_the_first_member_and_the_rest_is_unchanged(string input, string expected)
    {
        var marked = BackfillMarker.Mark(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, Encoding.UTF8.GetString(marked));
        Assert.True(BackfillMarker.IsMarked(marked));
        Assert.True(JsonDocument.Parse(marked).RootElement.GetProperty("backfill").GetBoolean());
    }

    [Fact]
    public void Non_json_payloads_are_left_alone()
    {
        var protobuf = new byte[] { 0x08, 0x01, 0x12, 0x00 };

        Assert.Same(protobuf, BackfillMarker.Mark(protobuf));
        Assert.False(BackfillMarker.IsMarked(protobuf));
    }
}
