using EdgeTwin.Acquisition.OpcUa;
using EdgeTwin.Acquisition.Tests.Modbus;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.OpcUa.Client;
using EdgeTwin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeTwin.Acquisition.Tests.OpcUa;

/// <summary>An OPC UA device source against a peer, running into a collecting sink until disposed.</summary>
internal sealed class OpcUaHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TempDir _pki = new();
    private Task? _run;

    public OpcUaHarness(string endpoint, params PointConfig[] points)
    {
        var device = new DeviceConfig
        {
            Id = "plc",
            Poll = TimeSpan.FromMilliseconds(200),
            OpcUa = new OpcUaDeviceConfig { Endpoint = endpoint, PublishingInterval = TimeSpan.FromMilliseconds(100) },
            Points = points,
        };
        Table = new PointTable([device]);
        Source = OpcUaSourceFactory.Create(0, device, Table, _pki.Path, NullLoggerFactory.Instance, TimeProvider.System,
            new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) });
    }

    public PointTable Table { get; }

    public OpcUaDeviceSource Source { get; }

    public CollectingSink Sink { get; } = new();

    public PointInfo Point(string id) => Table.Points.Single(p => p.Id == id);

    public static PointConfig Subscribed(string id, string nodeId, double scale = 1, double offset = 0, PointType type = PointType.Float64) => new()
    {
        Id = id,
        Type = type,
        Scale = scale,
        Offset = offset,
        OpcUa = new OpcUaPointConfig(nodeId, OpcUaMode.Subscribe, TimeSpan.FromMilliseconds(50)),
    };

    public static PointConfig Polled(string id, string nodeId, double scale = 1, double offset = 0) => new()
    {
        Id = id,
        Scale = scale,
        Offset = offset,
        OpcUa = new OpcUaPointConfig(nodeId, OpcUaMode.Poll),
    };

    public OpcUaHarness Start()
    {
        _run = Source.RunAsync(Sink, _stop.Token);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(15));
        }

        await Source.DisposeAsync();
        _stop.Dispose();
        _pki.Dispose();
    }
}
