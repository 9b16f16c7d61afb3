using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Subscriptions;

namespace EdgeTwin.OpcUa.Tests.Integration;

/// <summary>Runs its own server (it kills and restarts it), in parallel with the shared-server collection.</summary>
[Collection(Name)]
public sealed class ServerRestartTests
{
    public const string Name = "node-opcua restart";

    [Theory]
    [InlineData("None", MessageSecurityMode.None)]
    [InlineData("Basic256Sha256", MessageSecurityMode.SignAndEncrypt)]
    public async Task Data_resumes_within_10_s_after_the_server_restarts(string policy, MessageSecurityMode mode)
    {
        await using var server = await NodeOpcUaServer.StartAsync();
        var clientPki = Directory.CreateTempSubdirectory("edgetwin-opcua-restart-").FullName;
        try
        {
            var options = new OpcUaClientOptions
            {
                EndpointUrl = server.EndpointUrl,
                SecurityPolicy = policy,
                SecurityMode = mode,
                PkiRoot = clientPki,
                AutoAcceptUntrustedCertificates = true,
                OperationTimeout = TimeSpan.FromSeconds(5),
                KeepAliveInterval = TimeSpan.FromSeconds(1),
            };
            await using var manager = new OpcUaSessionManager(options, new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) });
            var states = new ConcurrentQueue<OpcUaConnectionStateChange>();
            manager.StateChanged += states.Enqueue;
            await manager.StartAsync();
            await manager.WaitUntilConnectedAsync().WaitAsync(TimeSpan.FromSeconds(15));

            var subscription = await manager.Client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) });
            var lastValueAt = Stopwatch.GetTimestamp();
            var count = 0;
            subscription.DataChanged += batch =>
            {
                Interlocked.Add(ref count, batch.Items.Count);
                Interlocked.Exchange(ref lastValueAt, Stopwatch.GetTimestamp());
            };
            var gaps = new ConcurrentQueue<NotificationGap>();
            subscription.NotificationsLost += gaps.Enqueue;
            await subscription.AddMonitoredItemsAsync([new MonitoredItemRequest { NodeId = NodeId.Parse("ns=1;s=Plant.Level"), ClientHandle = 42 }]);
            await ResilienceIntegrationTests.WaitForAsync(() => Volatile.Read(ref count) >= 3);

            await server.KillAsync();
            await ResilienceIntegrationTests.WaitForAsync(() => manager.State == OpcUaConnectionState.Reconnecting);
            await server.RestartAsync();
            // Measured from the moment the server listens again: node-opcua's own start-up time is not the client's.
            var restartedAt = Stopwatch.GetTimestamp();
            var resumed = false;
            while (Stopwatch.GetElapsedTime(restartedAt) < TimeSpan.FromSeconds(10))
            {
                if (Interlocked.Read(ref lastValueAt) > restartedAt)
                {
                    resumed = true;
                    break;
                }

                await Task.Delay(50);
            }

            Assert.True(resumed, $"no data within 10 s of the restart; states: {string.Join(", ", states.Select(s => $"{s.State} {s.Reason?.Message}"))}");
            var reconnected = states.Last(s => s.State == OpcUaConnectionState.Connected);
            Assert.NotNull(reconnected.GapStartedAt);
            Assert.True(reconnected.Reconnect!.DataMayBeLost);
            Assert.Contains(gaps, g => g.Reason == NotificationGapReason.SubscriptionRecreated);
            Assert.Equal(42u, subscription.MonitoredItems.Single().ClientHandle);
        }
        finally
        {
            Directory.Delete(clientPki, recursive: true);
        }
    }
}
