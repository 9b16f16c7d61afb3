using EdgeTwin.Acquisition.OpcUa;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.Core.Samples;
using EdgeTwin.Core.Sources;
using EdgeTwin.Gateway.Cli;
using EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Bench;

/// <summary>The bench peer of <c>bench opcua --server ours</c> against the gateway's OPC UA source (no figures asserted).</summary>
public sealed class OpcUaBenchPeerTests
{
    private const int Items = 3;
    private const int Changes = 30;

    [Theory]
    [InlineData(0)]
    [InlineData(2)] // each interval's changes split over two Publish responses
    public async Task The_gateway_OPC_UA_source_receives_every_change_of_the_bench_peer(int maxPerPublish)
    {
        await using var server = new BenchUaServer(Items, TimeSpan.FromMilliseconds(50), maxPerPublish);
        server.Start();
        using var pki = new TempDir();
        var device = new DeviceConfig
        {
            Id = "bench",
            OpcUa = new OpcUaDeviceConfig { Endpoint = server.EndpointUrl, PublishingInterval = TimeSpan.FromMilliseconds(50) },
            Points = Enumerable.Range(0, Items)
                .Select(i => new PointConfig { Id = $"v{i}", OpcUa = new OpcUaPointConfig($"ns=1;s=Bench.{i}", OpcUaMode.Subscribe, TimeSpan.Zero) })
                .ToArray(),
        };
        var sink = new ValueSink(Items);
        await using (var source = OpcUaSourceFactory.Create(0, device, new PointTable([device]), pki.Path, NullLoggerFactory.Instance, TimeProvider.System))
        {
            using var stop = new CancellationTokenSource();
            var run = source.RunAsync(sink, stop.Token);
            await sink.Enough.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        Assert.Empty(sink.Bad);
        for (var point = 0; point < Items; point++)
        {
            // The values count the peer's ticks: every change arrived when they form a run without holes.
            var values = sink.Values(point);
            Assert.True(values.Count >= Changes, $"point {point}: {values.Count} values");
            Assert.True(values[^1] - values[0] + 1 == values.Count, $"point {point}: values {string.Join(' ', values)} have holes");
        }

        Assert.Equal(0, server.MessagesDropped);
        Assert.True(server.NotificationsSent >= Items * Changes);
    }

    [Fact]
    public async Task Unknown_nodes_and_services_are_refused_with_their_status()
    {
        await using var server = new BenchUaServer(2, TimeSpan.FromMilliseconds(100));
        server.Start();
        await using var client = new OpcUaClient(new OpcUaClientOptions { EndpointUrl = server.EndpointUrl });
        await client.ConnectAsync();

        var values = await client.ReadAsync(
        [
            new ReadValueId { NodeId = NodeId.Parse("ns=1;s=Bench.1"), AttributeId = AttributeIds.Value },
            new ReadValueId { NodeId = NodeId.Parse("ns=1;s=Bench.2"), AttributeId = AttributeIds.Value },
        ]);
        Assert.True(values[0].StatusCode.IsGood);
        Assert.True(values[0].Value.TryGetDouble(out _));
        Assert.NotNull(values[0].SourceTimestamp);
        Assert.Equal(StatusCodes.BadNodeIdUnknown, values[1].StatusCode.Code);

        var browse = await Assert.ThrowsAsync<OpcUaException>(() => client.SendAsync<BrowseResponse>(new BrowseRequest
        {
            NodesToBrowse = [new BrowseDescription { NodeId = WellKnownNodeIds.ObjectsFolder }],
        }));
        Assert.Equal(StatusCodes.BadServiceUnsupported, browse.StatusCode.Code);
        var republish = await Assert.ThrowsAsync<OpcUaException>(() => client.RepublishAsync(1, 1));
        Assert.Equal(StatusCodes.BadMessageNotAvailable, republish.StatusCode.Code);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void The_peer_rate_is_taken_from_its_own_clock()
    {
        Assert.Equal(20_000, BenchUaServerCommand.SentPerSecond("STATS ticks=1 sent=10000 dropped=0 ms=5000", "STATS ticks=11 sent=30000 dropped=0 ms=6000"));
        Assert.Null(BenchUaServerCommand.SentPerSecond("STATS sent=1 ms=5", "STATS sent=2 ms=5"));
        Assert.Null(BenchUaServerCommand.SentPerSecond("STATS sent=1", "STATS sent=2 ms=5"));
    }

    [Fact]
    public void Noisy_values_keep_counting_ticks_in_their_whole_part_and_differ_per_variable()
    {
        var counter = new BenchVariables(100, DateTime.UtcNow);
        var noisy = new BenchVariables(100, DateTime.UtcNow, noisy: true);
        var fractions = new HashSet<int>();
        for (var tick = 0L; tick < 50; tick++)
        {
            for (var index = 0; index < 100; index++)
            {
                Assert.Equal(tick, counter.Value(index, tick));
                var value = noisy.Value(index, tick);
                Assert.Equal(tick, Math.Floor(value));
                var thousandths = (value - tick) * 1000;
                Assert.Equal(Math.Round(thousandths), thousandths, 6);
                fractions.Add((int)Math.Round(thousandths));
            }

            Assert.Equal(noisy.Value(7, tick), noisy.Value(7, tick));
        }

        // 5,000 draws from 1,000 fractions: nearly all of them turn up.
        Assert.InRange(fractions.Count, 900, 1000);
    }

    [Fact]
    public void Noisy_values_are_only_for_our_peer()
    {
        Assert.Null(new OpcUaBenchmarkOptions { Server = OpcUaBenchmarkOptions.Ours, Values = OpcUaBenchmarkOptions.Noisy }.Validate());
        Assert.Equal("--values: only our peer takes it (--server ours, no --endpoint)",
            new OpcUaBenchmarkOptions { Server = OpcUaBenchmarkOptions.NodeOpcUa, Values = OpcUaBenchmarkOptions.Noisy }.Validate());
        Assert.Equal("--values: 'random' is not counter or noisy", new OpcUaBenchmarkOptions { Values = "random" }.Validate());
    }

    /// <summary>Keeps the distinct values of every point and the bad samples; completes when each point has <see cref="Changes"/> values.</summary>
    private sealed class ValueSink(int points) : ISampleSink
    {
        private readonly SortedSet<double>[] _values = Enumerable.Range(0, points).Select(_ => new SortedSet<double>()).ToArray();

        public TaskCompletionSource Enough { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Bad { get; } = [];

        public IReadOnlyList<double> Values(int point)
        {
            lock (_values)
            {
                return [.. _values[point]];
            }
        }

        public ValueTask WriteAsync(SampleBatch batch, CancellationToken cancellationToken = default)
        {
            lock (_values)
            {
                foreach (var sample in batch.Samples)
                {
                    if (sample.Quality != Quality.Good)
                    {
                        Bad.Add($"point {sample.Point}: {sample.Quality} {sample.Text}");
                    }
                    else
                    {
                        _values[sample.Point].Add(sample.Value);
                    }
                }

                if (_values.All(v => v.Count >= Changes))
                {
                    Enough.TrySetResult();
                }
            }

            batch.Return();
            return ValueTask.CompletedTask;
        }
    }
}
