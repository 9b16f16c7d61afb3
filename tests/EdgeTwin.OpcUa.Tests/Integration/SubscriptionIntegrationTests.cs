using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;

namespace EdgeTwin.OpcUa.Tests.Integration;

[Collection(OpcUaServerCollection.Name)]
public sealed class SubscriptionIntegrationTests(OpcUaServerFixture fixture)
{
    private static readonly NodeId Level = NodeId.Parse("ns=1;s=Plant.Level");

    private static SubscriptionOptions Fast => new() { PublishingInterval = TimeSpan.FromMilliseconds(100), KeepAliveCount = 10, LifetimeCount = 300 };

    [Fact]
    public async Task Subscription_at_100ms_delivers_every_change()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var subscription = await client.CreateSubscriptionAsync(Fast);
        var values = new ConcurrentQueue<double>();
        var gaps = new ConcurrentQueue<NotificationGap>();
        subscription.NotificationsLost += gaps.Enqueue;
        subscription.DataChanged += batch =>
        {
            foreach (var item in batch.Items)
            {
                Assert.Equal(7u, item.ClientHandle);
                values.Enqueue((double)item.Value.Value.Value!);
            }
        };

        // Sampling interval 0: the server reports each change as it happens instead of sampling on its own timer.
        var items = await subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = Level, ClientHandle = 7, SamplingInterval = 0, QueueSize = 20 }]);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var elapsed = watch.Elapsed;
        var received = values.ToArray();

        Assert.True(items[0].StatusCode.IsGood, items[0].StatusCode.ToString());
        Assert.Empty(gaps);
        Assert.Equal(TimeSpan.FromMilliseconds(100), subscription.RevisedPublishingInterval);
        // The server ramps Level by 1 every 100 ms (mod 100): consecutive notifications differ by exactly one step.
        for (var i = 1; i < received.Length; i++)
        {
            Assert.True((received[i - 1] + 1) % 100 == received[i], $"change lost between {received[i - 1]} and {received[i]}");
        }

        // Count bounds: the server's 100 ms timer runs late on a loaded machine (never early), so the lower bound is loose;
        // that no change is lost is the check above.
        var expected = elapsed.TotalMilliseconds / 100;
        Assert.InRange(received.Length, expected * 0.5, expected * 1.2 + 2);
        await subscription.DeleteAsync();
        Assert.Empty(client.Subscriptions);
    }

    [Theory]
    [InlineData(DeadbandType.Absolute, 4.5, 5)]
    [InlineData(DeadbandType.Percent, 10, 11)]
    public async Task Deadband_filter_suppresses_small_changes(DeadbandType type, double deadband, int expectedStep)
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var subscription = await client.CreateSubscriptionAsync(Fast);
        var values = new ConcurrentQueue<double>();
        subscription.DataChanged += batch =>
        {
            foreach (var item in batch.Items)
            {
                values.Enqueue((double)item.Value.Value.Value!);
            }
        };

        var items = await subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = Level, ClientHandle = 1, SamplingInterval = 50, DeadbandType = type, DeadbandValue = deadband }]);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = values.ToArray();

        Assert.True(items[0].StatusCode.IsGood, items[0].StatusCode.ToString());
        Assert.True(received.Length >= 2, $"only {received.Length} notifications");
        for (var i = 1; i < received.Length; i++)
        {
            var step = received[i] - received[i - 1];
            Assert.True(step == expectedStep || step < 0, $"step {step} between {received[i - 1]} and {received[i]}");
        }
    }

    [Fact]
    public async Task Monitored_item_on_unknown_node_reports_its_status()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var subscription = await client.CreateSubscriptionAsync(Fast);
        var items = await subscription.AddMonitoredItemsAsync(
        [
            new MonitoredItemRequest { NodeId = NodeId.Parse("ns=1;s=Nope"), ClientHandle = 1 },
            new MonitoredItemRequest { NodeId = Level, ClientHandle = 2 },
        ]);

        Assert.Equal(StatusCodes.BadNodeIdUnknown, items[0].StatusCode.Code);
        Assert.True(items[1].StatusCode.IsGood);
        await Assert.ThrowsAsync<ArgumentException>(() => subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = Level, ClientHandle = 2 }]));
    }

    [Fact]
    public async Task Many_monitored_items_are_created_in_batches()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options() with { MaxNodesPerCall = 25 });
        var subscription = await client.CreateSubscriptionAsync(Fast);
        var handles = new ConcurrentDictionary<uint, bool>();
        subscription.DataChanged += batch =>
        {
            foreach (var item in batch.Items)
            {
                handles[item.ClientHandle] = true;
            }
        };

        var items = await subscription.AddMonitoredItemsAsync(
            Enumerable.Range(0, 120).Select(i => new MonitoredItemRequest { NodeId = NodeId.Parse($"ns=1;s=Plant.Many.Item{i}"), ClientHandle = (uint)(1000 + i) }).ToArray());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (handles.Count < 120 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.All(items, i => Assert.True(i.StatusCode.IsGood));
        Assert.Equal(120, handles.Count);
        await subscription.RemoveMonitoredItemsAsync(items.Take(60).Select(i => i.ClientHandle).ToArray());
        Assert.Equal(60, subscription.MonitoredItems.Count);
    }
}
