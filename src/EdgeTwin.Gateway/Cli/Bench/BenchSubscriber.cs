using System.Buffers;
using System.Buffers.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeTwin.Gateway.Cli.Bench;

/// <summary>
/// The benchmark's subscriber: counts telemetry samples and, from each message's first value (a server's clock in
/// Unix milliseconds modulo 2^32), the end-to-end latency from the change on the server to the message here.
/// </summary>
public sealed class BenchSubscriber : IAsyncDisposable
{
    private static readonly byte[] PointKey = "\"point\":"u8.ToArray();
    private static readonly byte[] ValueKey = "\"value\":"u8.ToArray();
    private static readonly byte[] TsKey = "\"ts\":\""u8.ToArray();
    private readonly IMqttClient _client;
    private readonly object _gate = new();
    private List<double> _latencies = new();
    private List<double> _afterCycle = new();
    private long _samples;
    private long _messages;
    private long _firstMessage;

    private BenchSubscriber(IMqttClient client) => _client = client;

    /// <summary>Samples received since the last <see cref="Take"/>.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Messages received since the last <see cref="Take"/>.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>When the first message arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamp), 0 before.</summary>
    public long FirstMessage => Interlocked.Read(ref _firstMessage);

    /// <summary>When set, each message's latency is recorded (values are server clocks).</summary>
    public bool MeasureLatency { get; init; } = true;

    /// <summary>Connects to the broker on <paramref name="port"/> and subscribes to <paramref name="filter"/> (QoS 0).</summary>
    public static async Task<BenchSubscriber> StartAsync(int port, string filter, bool measureLatency, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new BenchSubscriber(client) { MeasureLatency = measureLatency };
        client.ApplicationMessageReceivedAsync += e =>
        {
            subscriber.OnMessage(e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId("edgetwin-bench-sub-" + Guid.NewGuid().ToString("N")[..8]).WithCleanSession().Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtMostOnce).Build(), cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>
    /// Returns the samples, messages, latencies (ms, server change to message) and the part of each latency after the
    /// gateway's cycle timestamp (pipeline, store and uplink) since the last call, and starts counting again.
    /// </summary>
    public (long Samples, long Messages, List<double> Latencies, List<double> AfterCycle) Take()
    {
        lock (_gate)
        {
            var latencies = _latencies;
            var afterCycle = _afterCycle;
            _latencies = new List<double>(latencies.Count);
            _afterCycle = new List<double>(afterCycle.Count);
            return (Interlocked.Exchange(ref _samples, 0), Interlocked.Exchange(ref _messages, 0), latencies, afterCycle);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        _client.Dispose();
    }

    /// <summary>The latency in ms of a value written as a Unix millisecond clock modulo 2^32.</summary>
    public static double LatencyMs(ulong value, DateTimeOffset now)
    {
        var nowMs = (ulong)now.ToUnixTimeMilliseconds() & 0xFFFF_FFFF;
        return (double)((nowMs - value) & 0xFFFF_FFFF);
    }

    private void OnMessage(ReadOnlySequence<byte> payload)
    {
        var now = DateTimeOffset.UtcNow;
        Interlocked.CompareExchange(ref _firstMessage, System.Diagnostics.Stopwatch.GetTimestamp(), 0);
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        var count = 0;
        for (var rest = bytes; rest.IndexOf(PointKey) is var at and >= 0; rest = rest[(at + PointKey.Length)..])
        {
            count++;
        }

        Interlocked.Add(ref _samples, count);
        Interlocked.Increment(ref _messages);
        if (!MeasureLatency || bytes.IndexOf(ValueKey) is not (var v and >= 0) || !Utf8Parser.TryParse(bytes[(v + ValueKey.Length)..], out ulong value, out _))
        {
            return;
        }

        var latency = LatencyMs(value, now);
        var afterCycle = double.NaN;
        if (bytes.IndexOf(TsKey) is var t and >= 0 && bytes.Length >= t + TsKey.Length + 24
            && DateTime.TryParse(System.Text.Encoding.ASCII.GetString(bytes.Slice(t + TsKey.Length, 24)), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var ts))
        {
            afterCycle = (now.UtcDateTime - ts).TotalMilliseconds;
        }

        lock (_gate)
        {
            _latencies.Add(latency);
            if (!double.IsNaN(afterCycle))
            {
                _afterCycle.Add(afterCycle);
            }
        }
    }
}
