using System.Collections.Concurrent;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;

namespace EdgeTwin.OpcUa.Tests.Integration;

[Collection(OpcUaServerCollection.Name)]
public sealed class ResilienceIntegrationTests(OpcUaServerFixture fixture)
{
    private static readonly NodeId Level = NodeId.Parse("ns=1;s=Plant.Level");
    private static readonly ReconnectPolicy FastRetry = new() { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task Network_cuts_resume_the_same_session_and_leak_no_sessions()
    {
        const int cuts = 100;
        await using var observer = await fixture.ConnectAsync(fixture.Options());
        var baseline = await SessionCountAsync(observer);
        var connector = new CuttableConnector();
        await using var manager = new OpcUaSessionManager(fixture.Options() with { Connector = connector.ConnectAsync, KeepAliveInterval = TimeSpan.Zero }, FastRetry);
        var connected = new SemaphoreSlim(0);
        var results = new ConcurrentQueue<ReconnectResult>();
        manager.StateChanged += change =>
        {
            if (change.State == OpcUaConnectionState.Connected)
            {
                if (change.Reconnect is not null)
                {
                    results.Enqueue(change.Reconnect);
                }

                connected.Release();
            }
        };

        await manager.StartAsync();
        Assert.True(await connected.WaitAsync(TimeSpan.FromSeconds(10)));
        var sessionId = manager.Client.SessionId;
        Assert.Equal(baseline + 1, await SessionCountAsync(observer));

        for (var i = 0; i < cuts; i++)
        {
            connector.CutAll();
            Assert.True(await connected.WaitAsync(TimeSpan.FromSeconds(10)), $"no reconnect after cut {i + 1}");
        }

        Assert.Equal(cuts, manager.ReconnectCount);
        Assert.All(results, r => Assert.True(r.SessionResumed));
        Assert.Equal(sessionId, manager.Client.SessionId);
        Assert.True((await manager.Client.ReadValueAsync(Level)).StatusCode.IsGood);
        Assert.Equal(baseline + 1, await SessionCountAsync(observer));

        await manager.StopAsync();
        Assert.Equal(baseline, await SessionCountAsync(observer));
    }

    [Fact]
    public async Task Subscription_continues_after_a_network_cut()
    {
        var connector = new CuttableConnector();
        await using var manager = new OpcUaSessionManager(fixture.Options() with { Connector = connector.ConnectAsync }, FastRetry);
        await manager.StartAsync();
        await manager.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var subscription = await manager.Client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        var sequenceNumbers = new ConcurrentQueue<uint>();
        var republished = 0;
        var gaps = new ConcurrentQueue<NotificationGap>();
        subscription.DataChanged += batch =>
        {
            sequenceNumbers.Enqueue(batch.SequenceNumber);
            if (batch.Republished)
            {
                Interlocked.Increment(ref republished);
            }
        };
        subscription.NotificationsLost += gaps.Enqueue;
        await subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = Level, ClientHandle = 1, SamplingInterval = 50, QueueSize = 100 }]);
        await WaitForAsync(() => sequenceNumbers.Count >= 5);

        connector.CutAll();
        await Task.Delay(600);
        var before = sequenceNumbers.Count;
        await WaitForAsync(() => sequenceNumbers.Count >= before + 10);

        // Every notification message arrives exactly once and in order: those sent while the connection was down are
        // recovered with Republish.
        var received = sequenceNumbers.ToArray();
        for (var i = 1; i < received.Length; i++)
        {
            Assert.Equal(received[i - 1] + 1, received[i]);
        }

        Assert.Empty(gaps);
        Assert.Equal(1, manager.ReconnectCount);
    }

    [Fact]
    public async Task Subscriptions_are_transferred_to_a_new_session()
    {
        await using var client = await fixture.ConnectAsync(fixture.Options());
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
        var count = 0;
        subscription.DataChanged += batch => Interlocked.Add(ref count, batch.Items.Count);
        await subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = Level, ClientHandle = 1 }]);
        var subscriptionId = subscription.SubscriptionId;
        var oldSession = client.SessionId;

        await client.CloseAsync(deleteSubscriptions: false);
        var result = await client.ReconnectAsync();
        var after = Volatile.Read(ref count);
        await WaitForAsync(() => Volatile.Read(ref count) > after + 3);

        Assert.False(result.SessionResumed);
        Assert.Equal(1, result.TransferredSubscriptions);
        Assert.Equal(0, result.RecreatedSubscriptions);
        Assert.NotEqual(oldSession, client.SessionId);
        Assert.Equal(subscriptionId, subscription.SubscriptionId);
    }

    internal static async Task<int> SessionCountAsync(OpcUaClient client)
    {
        var value = await client.ReadValueAsync(WellKnownNodeIds.CurrentSessionCount);
        Assert.True(value.Value.TryGetDouble(out var count), value.ToString());
        return (int)count;
    }

    internal static async Task WaitForAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
