using EdgeTwin.Uplink.Commands;

namespace EdgeTwin.Uplink.Tests.Commands;

public sealed class CommandTopicTests
{
    private const string Prefix = "et/v1/gw1/cmd/";

    [Theory]
    [InlineData("et/v1/gw1/cmd/ping", "ping", null)]
    [InlineData("et/v1/gw1/cmd/write/r-17", "write", "r-17")]
    public void Names_and_request_ids_are_split(string topic, string name, string? requestId)
    {
        Assert.True(CommandTopic.TryParse(topic, Prefix, out var n, out var r));
        Assert.Equal((name, requestId), (n, r));
    }

    [Theory]
    [InlineData("et/v1/gw1/cmd/")]
    [InlineData("et/v1/gw1/cmd//r1")]
    [InlineData("et/v1/gw1/cmd/ping/")]
    [InlineData("et/v1/gw1/cmd/a/b/c")]
    [InlineData("et/v1/gw2/cmd/ping")]
    public void Malformed_topics_are_refused(string topic) => Assert.False(CommandTopic.TryParse(topic, Prefix, out _, out _));

    [Fact]
    public void Overlong_levels_are_refused() =>
        Assert.False(CommandTopic.TryParse(Prefix + new string('x', CommandTopic.MaxLevelLength + 1), Prefix, out _, out _));
}
