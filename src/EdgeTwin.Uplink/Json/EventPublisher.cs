using System.Text.Json;
using EdgeTwin.Core.Points;
using EdgeTwin.Storage;

namespace EdgeTwin.Uplink.Json;

/// <summary>
/// Publishes gateway events on {root}/{gateway}/events through the outbox (so they get a seq, survive outages and
/// are never lost once committed): <c>{"seq":N,"type":"...","ts":"...", ...fields}</c>. Any thread; the event is
/// committed with the pipeline's next group (within its commit interval).
/// </summary>
public sealed class EventPublisher
{
    /// <summary>Outbox key of gateway-level events (ordering is per key).</summary>
    public const string GatewayKey = "$gateway";

    private readonly Outbox _outbox;
    private readonly TopicScheme _topics;
    private readonly TimeProvider _time;
    private readonly JsonPayloadWriter _writer;

    /// <summary>Creates the publisher.</summary>
    public EventPublisher(Outbox outbox, PointTable table, TopicScheme topics, TimeProvider time)
    {
        _outbox = outbox;
        _topics = topics;
        _time = time;
        _writer = new JsonPayloadWriter(table);
    }

    /// <summary>
    /// Queues an event of <paramref name="type"/>; <paramref name="fields"/> writes its members (it runs later, on the
    /// committing thread, so it must only read values captured now).
    /// </summary>
    public void Publish(string type, Action<Utf8JsonWriter> fields, string key = GatewayKey)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        _outbox.Enqueue(OutboxKind.Event, key, _topics.Events, seq =>
        {
            lock (_writer)
            {
                return _writer.Event(seq, type, now, fields);
            }
        }, now);
    }
}
