using System.Reflection;
using System.Text.Json;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Uplink.Json;
using EdgeTwin.Uplink.Mqtt;

namespace EdgeTwin.Gateway.Hosting;

/// <summary>Builds the retained status payload (and the Last Will) of the gateway.</summary>
public sealed class StatusReport
{
    private readonly GatewayRuntime _rt;
    private readonly JsonPayloadWriter _writer;
    private readonly object _gate = new();

    /// <summary>Creates the report.</summary>
    public StatusReport(GatewayRuntime runtime)
    {
        _rt = runtime;
        _writer = new JsonPayloadWriter(runtime.Table);
    }

    /// <summary>The product version (informational version with commit).</summary>
    public static string Version { get; } =
        typeof(StatusReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The uplink, once created (for its state in the report).</summary>
    public UplinkState? Uplink { get; set; }

    /// <summary>
    /// <c>{"online":true,"gateway":"...","site":"...","version":"...","started":"...","ts":"...","lastSeq":N,
    /// "backlog":{...},"devices":[...]}</c>; offline: <c>{"online":false,"gateway":"..."}</c>.
    /// </summary>
    public byte[] Build(bool online)
    {
        lock (_gate)
        {
            return _writer.Object(w =>
            {
                w.WriteBoolean("online", online);
                w.WriteString("gateway", _rt.Config.Gateway.Id);
                if (!online)
                {
                    return;
                }

                if (_rt.Config.Gateway.Site is { } site)
                {
                    w.WriteString("site", site);
                }

                w.WriteString("version", Version);
                w.WriteString("started", Iso(_rt.Started));
                w.WriteString("ts", Iso(_rt.Time.GetUtcNow().UtcDateTime));
                w.WriteNumber("lastSeq", _rt.Outbox.LastCommittedSeq);
                var backlog = _rt.Outbox.Backlog;
                w.WriteStartObject("backlog");
                w.WriteNumber("messages", backlog.Messages);
                w.WriteNumber("bytes", backlog.Bytes);
                if (backlog.Oldest is { } oldest)
                {
                    w.WriteString("oldest", Iso(oldest));
                }
                else
                {
                    w.WriteNull("oldest");
                }

                w.WriteEndObject();
                w.WriteNumber("dropped", backlog.Dropped);
                w.WriteStartArray("devices");
                foreach (var source in _rt.Sources)
                {
                    WriteDevice(w, source.Status);
                }

                w.WriteEndArray();
            });
        }
    }

    private static string Iso(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteDevice(Utf8JsonWriter w, Core.Sources.DeviceStatus s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("state", s.State.ToString().ToLowerInvariant());
        if (s.LastError is { } error)
        {
            w.WriteString("error", error);
        }

        if (s.LastPoll is { } poll)
        {
            w.WriteString("lastPoll", Iso(poll));
        }

        w.WriteNumber("polls", s.Polls);
        w.WriteNumber("errors", s.Errors);
        w.WriteNumber("timeouts", s.Timeouts);
        w.WriteNumber("reconnects", s.Reconnects);
        w.WriteEndObject();
    }
}
