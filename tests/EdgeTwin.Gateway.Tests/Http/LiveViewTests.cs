using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Samples;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>
/// The live view copies the twin's points only for readers that want them: a metrics scrape refreshes the assets,
/// alarms and rate, not a copy of every point (2.4 MB a refresh at 50,000 points).
/// </summary>
public sealed class LiveViewTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly StepClock _clock = new();
    private readonly Outbox _outbox;
    private readonly GatewayRuntime _runtime;
    private readonly LiveView _view;

    public LiveViewTests()
    {
        var config = new GatewayConfig
        {
            Gateway = new GatewayIdentity("gw"),
            Storage = new StorageConfig { Path = _dir.File("outbox.db") },
            Devices = [new DeviceConfig { Id = "d", Points = [new PointConfig { Id = "p" }] }],
        };
        _outbox = Outbox.Open(new OutboxOptions { Path = config.Storage.Path }, NullLogger.Instance, _clock);
        _runtime = new GatewayRuntime(config, _outbox, [], _clock);
        _view = new LiveView(_runtime, new PipelineWork());
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void While_only_metrics_watch_a_refresh_keeps_the_previous_copy_of_the_points()
    {
        var before = _view.Current.Points;
        _view.Watch(points: false);
        Apply(1.5);

        _view.Pump(); // the pipeline after a batch, a refresh interval after the last one

        var snapshot = _view.Current;
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, snapshot.Taken);
        Assert.Same(before, snapshot.Points);
        Assert.Equal(DateTime.MinValue, snapshot.PointsTaken);
    }

    [Fact]
    public void While_a_page_watches_each_refresh_copies_the_points()
    {
        _view.Watch(points: true);
        Apply(1.5);
        _view.Pump();
        var first = _view.Current;
        Apply(2.5);
        _view.Pump();

        var second = _view.Current;
        Assert.Equal(1.5, first.Points[0].Value);
        Assert.Equal(2.5, second.Points[0].Value); // a copy of its own: the first snapshot did not change
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, second.PointsTaken);
    }

    [Fact]
    public async Task A_reader_of_points_gets_fresh_points_after_snapshots_taken_without_them()
    {
        Apply(1.5);
        var metrics = _view.FreshAsync(points: false);
        _view.Pump();
        Assert.Equal(0, (await metrics).Points[0].Value); // the copy made before the first batch

        // The snapshot is new, but its points are not: a points reader asks the pipeline for a copy.
        var page = _view.FreshAsync(points: true);
        Assert.False(page.IsCompleted);
        _view.Pump();

        var snapshot = await page;
        Assert.Equal(1.5, snapshot.Points[0].Value);
        Assert.Equal(snapshot.Taken, snapshot.PointsTaken);
    }

    private void Apply(double value)
    {
        _clock.Advance(LiveView.RefreshInterval);
        var now = _clock.GetUtcNow().UtcDateTime;
        var batch = SampleBatch.Rent(0, now, 1);
        batch.Add(new Sample(0, now, value, Quality.Good));
        _runtime.Twin.Apply(batch);
        batch.Return();
    }
}
