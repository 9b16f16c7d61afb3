using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Twin.State;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Tests.Json;

public sealed class TwinPayloadTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly JsonPayloadWriter _writer = new(new PointTable([new DeviceConfig { Id = "plc1", Points = [new PointConfig { Id = "p" }] }]));

    private static AssetSnapshot Room(CapacitySnapshot? capacity) =>
        new("room1", "chiller", T0, TwinStatus.Synchronized, 1, [new PropertySnapshot("power", 6.5, null, "kW", T0, Quality.Good)]) { Capacity = capacity };

    [Fact]
    public void An_asset_with_a_declared_capacity_publishes_its_headroom_now()
    {
        using var doc = JsonDocument.Parse(_writer.Twin(7, Room(new CapacitySnapshot("power", 8, 6.5, "kW"))));
        var capacity = doc.RootElement.GetProperty("capacity");
        Assert.Equal("power", capacity.GetProperty("property").GetString());
        Assert.Equal("kW", capacity.GetProperty("unit").GetString());
        Assert.Equal(8, capacity.GetProperty("limit").GetDouble());
        Assert.Equal(6.5, capacity.GetProperty("value").GetDouble());
        Assert.Equal(1.5, capacity.GetProperty("headroom").GetDouble(), 9);
    }

    [Fact]
    public void An_unknown_use_publishes_null_headroom_and_no_capacity_publishes_nothing()
    {
        using var unknown = JsonDocument.Parse(_writer.Twin(7, Room(new CapacitySnapshot("power", 8, double.NaN, null))));
        Assert.Equal(JsonValueKind.Null, unknown.RootElement.GetProperty("capacity").GetProperty("headroom").ValueKind);
        using var none = JsonDocument.Parse(_writer.Twin(8, Room(null)));
        Assert.False(none.RootElement.TryGetProperty("capacity", out _));
    }
}
