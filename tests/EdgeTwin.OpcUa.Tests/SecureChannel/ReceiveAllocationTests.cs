using System.Buffers;
using System.Collections.Concurrent;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Transport;
using Xunit.Abstractions;

namespace EdgeTwin.OpcUa.Tests.SecureChannel;

/// <summary>
/// Feeds encoded PublishResponse chunks through the channel's receive path (verify, decrypt, reassemble, decode) on
/// the test thread and counts what that thread allocates: issue #4's 10,000 items at 100 ms must not cost an object
/// per notification.
/// </summary>
public sealed class ReceiveAllocationTests(ITestOutputHelper output)
{
    private const int Items = 10_000;

    public static TheoryData<string, MessageSecurityMode> Policies() => new()
    {
        { SecurityPolicyUris.None, MessageSecurityMode.None },
        { SecurityPolicyUris.Basic256Sha256, MessageSecurityMode.SignAndEncrypt },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Publish_response_of_10000_doubles_is_received_with_under_100_bytes_per_notification(string policyUri, MessageSecurityMode mode)
    {
        var requests = new BlockingCollection<uint>();
        var (channel, server) = await SecureChannelTests.OpenAsync(
            s => s.Handler = (requestId, request) =>
            {
                requests.Add(requestId);
                return null; // answered by the test through the receive path
            },
            SecurityPolicy.FromUri(policyUri),
            mode);
        await using var serverScope = server;
        await using var channelScope = channel;

        // The first round warms up (JIT, pools, dictionaries); the second is measured.
        long allocated = 0;
        int chunkCount = 0;
        for (var round = 0; round < 2; round++)
        {
            var pending = channel.SendRequestAsync<PublishResponse>(new PublishRequest());
            Assert.True(requests.TryTake(out var requestId, TimeSpan.FromSeconds(10)), "the Publish request did not reach the server");
            var response = Response(round);
            var chunks = server.EncodeResponseChunks(requestId, response).Select(Received).ToList();
            chunkCount = chunks.Count;

            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var chunk in chunks)
            {
                channel.ProcessChunk(chunk);
                chunk.Dispose();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            var received = await pending.WaitAsync(TimeSpan.FromSeconds(10));
            var change = Assert.IsType<DataChangeNotification>(Assert.Single(received.NotificationMessage.NotificationData)!.Value);
            Assert.Equal(Items, change.MonitoredItems.Count);
            Assert.Equal((uint)(Items - 1), change.MonitoredItems[^1].ClientHandle);
            Assert.True(change.MonitoredItems[^1].Value.Value.TryGetDouble(out var last));
            Assert.Equal(Value(round, Items - 1), last);
        }

        var perNotification = (double)allocated / Items;
        output.WriteLine($"{policyUri} {mode}: {Items:N0} notifications in {chunkCount} chunks, {allocated:N0} bytes allocated, {perNotification:F1} bytes per notification");
        Assert.True(perNotification < 100, $"{perNotification:F1} bytes allocated per notification ({allocated:N0} in all)");
    }

    private static double Value(int round, int item) => (round * 1_000_000) + item + 0.25;

    private static PublishResponse Response(int round)
    {
        var time = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc).AddSeconds(round);
        var items = new MonitoredItemNotification[Items];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new MonitoredItemNotification { ClientHandle = (uint)i, Value = new DataValue(new Variant(Value(round, i)), StatusCode.Good, time, time) };
        }

        return new PublishResponse
        {
            SubscriptionId = 1,
            NotificationMessage = new NotificationMessage
            {
                SequenceNumber = (uint)round + 1,
                PublishTime = time,
                NotificationData = [new ExtensionObject(new DataChangeNotification { MonitoredItems = items })],
            },
        };
    }

    private static UaTcpChunk Received(byte[] bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        UaTcpChunkHeader.TryRead(bytes, bytes.Length, out var header);
        return new UaTcpChunk(header, buffer);
    }
}
