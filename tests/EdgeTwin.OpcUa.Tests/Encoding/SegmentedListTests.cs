using System.Runtime.CompilerServices;
using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.Services;
using static EdgeTwin.OpcUa.Tests.Encoding.CodecHelpers;

namespace EdgeTwin.OpcUa.Tests.Encoding;

/// <summary>
/// Large arrays of notifications are decoded in segments below the large-object threshold (85,000 bytes with the
/// array's header), and read back the same as an array at every position.
/// </summary>
public sealed class SegmentedListTests
{
    private const int LargeObjectThreshold = 85_000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2048)]
    [InlineData(10_000)]
    public void Notifications_decode_in_order_with_no_array_on_the_large_object_heap(int count)
    {
        var items = Enumerable.Range(0, count)
            .Select(i => new MonitoredItemNotification { ClientHandle = (uint)i, Value = new DataValue(new Variant(i + 0.5)) })
            .ToArray();

        var decoded = RoundTrip(e => new DataChangeNotification { MonitoredItems = items }.Encode(e), DataChangeNotification.Decode).MonitoredItems;

        Assert.Equal(count, decoded.Count);
        Assert.Equal(items.Select(i => i.ClientHandle), decoded.Select(i => i.ClientHandle));
        for (var i = 0; i < count; i++)
        {
            Assert.Equal((uint)i, decoded[i].ClientHandle);
            Assert.True(decoded[i].Value.Value.TryGetDouble(out var value));
            Assert.Equal(i + 0.5, value);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => decoded[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => decoded[-1]);
        var arrays = decoded is SegmentedList<MonitoredItemNotification> list ? list.Segments : [(MonitoredItemNotification[])decoded];
        Assert.All(arrays, a => Assert.True(
            (a.Length * Unsafe.SizeOf<MonitoredItemNotification>()) + 32 < LargeObjectThreshold,
            $"an array of {a.Length} notifications is on the large object heap"));
        Assert.Equal(count > SegmentedList<MonitoredItemNotification>.SegmentLength, decoded is SegmentedList<MonitoredItemNotification>);
    }
}
