using System.Text;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Uplink.Json;

namespace EdgeTwin.Uplink.Tests.Json;

public sealed class TelemetryPayloadTests
{
    private readonly JsonPayloadWriter _writer = new(new PointTable(
    [
        new DeviceConfig
        {
            Id = "plc1",
            Points =
            [
                new PointConfig { Id = "temp", Type = PointType.Float64 },
                new PointConfig { Id = "mode", Type = PointType.UInt16, Enum = new Dictionary<long, string> { [2] = "auto" } },
                new PointConfig { Id = "run", Type = PointType.Bool },
                new PointConfig { Id = "name\"x", Type = PointType.String },
            ],
        },
    ]));

    [Fact]
    public void Telemetry_is_written_member_for_member_with_millisecond_utc_timestamps()
    {
        var t = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_239_999);
        var json = Encoding.UTF8.GetString(_writer.Telemetry(42, "plc1",
        [
            new Sample(0, t, 21.5, Quality.Good),
            new Sample(1, new DateTime(999, 12, 31, 23, 59, 59, 7, DateTimeKind.Utc), 2, Quality.Uncertain),
            new Sample(2, t, 1, Quality.Stale),
            new Sample(3, t, 0, Quality.Good, "a\"b"),
            Sample.Bad(0, t, "timeout"),
        ]));

        Assert.Equal(
            "{\"seq\":42,\"device\":\"plc1\",\"samples\":["
            + "{\"point\":\"temp\",\"ts\":\"2026-01-02T03:04:05.123Z\",\"value\":21.5,\"quality\":\"good\"},"
            + "{\"point\":\"mode\",\"ts\":\"0999-12-31T23:59:59.007Z\",\"value\":2,\"label\":\"auto\",\"quality\":\"uncertain\"},"
            + "{\"point\":\"run\",\"ts\":\"2026-01-02T03:04:05.123Z\",\"value\":true,\"quality\":\"stale\"},"
            + "{\"point\":\"name\\u0022x\",\"ts\":\"2026-01-02T03:04:05.123Z\",\"value\":\"a\\u0022b\",\"quality\":\"good\"},"
            + "{\"point\":\"temp\",\"ts\":\"2026-01-02T03:04:05.123Z\",\"value\":null,\"quality\":\"bad\",\"error\":\"timeout\"}]}",
            json);
    }
}
