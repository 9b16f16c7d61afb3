using EdgeTwin.Uplink.Commands;
using EdgeTwin.Uplink.Sparkplug;

namespace EdgeTwin.Uplink.Mqtt;

/// <summary>What the uplink needs besides the MQTT settings.</summary>
public sealed record UplinkOptions
{
    /// <summary>Backlog messages sent per second while catching up (0 = as fast as the broker acknowledges).</summary>
    public int BackfillRate { get; init; }

    /// <summary>The Sparkplug B edge node when <c>mqtt.payload: sparkplug</c>, else null (JSON).</summary>
    public SparkplugEdgeNode? Sparkplug { get; init; }

    /// <summary>Where commands received on {root}/{gateway}/cmd/# go; null: commands are not subscribed.</summary>
    public ICommandDispatcher? Commands { get; init; }

    /// <summary>How often the retained status is refreshed.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
