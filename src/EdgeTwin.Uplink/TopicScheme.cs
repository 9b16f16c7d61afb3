namespace EdgeTwin.Uplink;

/// <summary>The JSON topic scheme: {root}/{gateway}/{kind}/{id}. Documented in README.md.</summary>
public sealed class TopicScheme
{
    private readonly string _prefix;

    /// <summary>Creates the scheme under <paramref name="root"/> for gateway <paramref name="gateway"/>.</summary>
    public TopicScheme(string root, string gateway)
    {
        Root = root.TrimEnd('/');
        Gateway = gateway;
        _prefix = Root + "/" + gateway + "/";
    }

    /// <summary>Topic root, e.g. edgetwin/v1.</summary>
    public string Root { get; }

    /// <summary>Gateway id.</summary>
    public string Gateway { get; }

    /// <summary>Retained online/offline status (and the Last Will).</summary>
    public string Status => _prefix + "status";

    /// <summary>Telemetry of a device.</summary>
    public string Telemetry(string device) => _prefix + "telemetry/" + device;

    /// <summary>Retained twin state of an asset.</summary>
    public string Twin(string asset) => _prefix + "twin/" + asset;

    /// <summary>Events (alarms, recommendations, gateway events).</summary>
    public string Events => _prefix + "events";

    /// <summary>Retained maintenance recommendation of an asset.</summary>
    public string Maintenance(string asset) => _prefix + "maintenance/" + asset;

    /// <summary>Retained coordinated maintenance plan of the gateway's assets.</summary>
    public string MaintenancePlan => _prefix + "maintenance-plan";

    /// <summary>Command topic filter.</summary>
    public string CommandFilter => _prefix + "cmd/#";

    /// <summary>Command topic prefix (before the command name).</summary>
    public string CommandPrefix => _prefix + "cmd/";

    /// <summary>MQTT 3.1.1 fallback reply topic.</summary>
    public string Reply(string requestId) => _prefix + "reply/" + requestId;
}
