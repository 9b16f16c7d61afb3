namespace EdgeTwin.Core.Configuration;

/// <summary>The whole validated configuration of a gateway. Immutable once loaded.</summary>
public sealed record GatewayConfig
{
    /// <summary>Identity of the gateway.</summary>
    public required GatewayIdentity Gateway { get; init; }

    /// <summary>Store-and-forward settings.</summary>
    public StorageConfig Storage { get; init; } = new();

    /// <summary>MQTT uplink settings; null runs without an uplink (data is only buffered).</summary>
    public MqttConfig? Mqtt { get; init; }

    /// <summary>Local HTTP API and page.</summary>
    public HttpConfig Http { get; init; } = new();

    /// <summary>Data sources.</summary>
    public IReadOnlyList<DeviceConfig> Devices { get; init; } = [];

    /// <summary>Assets of the twin.</summary>
    public IReadOnlyList<AssetConfig> Assets { get; init; } = [];

    /// <summary>Named groups of assets (e.g. the chillers of a plant) that commands such as <c>optimize</c> address together.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Maintenance recommendation levels, per-type downtime and cost, and site constraints.</summary>
    public MaintenanceConfig Maintenance { get; init; } = new();

    /// <summary>The file the configuration came from, if any.</summary>
    public string? SourceFile { get; init; }
}

/// <summary>Who this gateway is.</summary>
/// <param name="Id">Gateway id, used in topics; [A-Za-z0-9_-].</param>
/// <param name="Site">Free-form site name.</param>
public sealed record GatewayIdentity(string Id, string? Site = null);

/// <summary>Local store (LiteDB outbox, history, audit).</summary>
public sealed record StorageConfig
{
    /// <summary>Database file.</summary>
    public string Path { get; init; } = "./data/edgetwin.db";

    /// <summary>Size limit of the buffer; beyond it the oldest telemetry is dropped first.</summary>
    public int MaxSizeMb { get; init; } = 256;

    /// <summary>How long the twin's history is kept locally.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Shortest time between the starts of two outbox commits. Zero (the default): a group is committed as soon as
    /// messages are pending and the previous commit has ended, so groups form from what arrives during a commit.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Backlog messages sent per second while live data flows (0 = as fast as the broker accepts).</summary>
    public int BackfillRate { get; init; } = 0;
}

/// <summary>Payload format of the uplink.</summary>
public enum PayloadFormat
{
    /// <summary>EdgeTwin's documented JSON topic scheme.</summary>
    Json,
    /// <summary>Eclipse Sparkplug B.</summary>
    Sparkplug,
}

/// <summary>MQTT uplink.</summary>
public sealed record MqttConfig
{
    /// <summary>Broker URL: mqtt://host:port or mqtts://host:port.</summary>
    public required Uri Url { get; init; }

    /// <summary>Prefix of every topic of the JSON scheme.</summary>
    public string TopicRoot { get; init; } = "edgetwin/v1";

    /// <summary>MQTT client id; defaults to edgetwin-{gateway id}.</summary>
    public string? ClientId { get; init; }

    /// <summary>JSON or Sparkplug B.</summary>
    public PayloadFormat Payload { get; init; } = PayloadFormat.Json;

    /// <summary>Sparkplug group id (defaults to the site, else "edgetwin").</summary>
    public string? SparkplugGroup { get; init; }

    /// <summary>5 for MQTT 5.0, 4 for 3.1.1.</summary>
    public int ProtocolVersion { get; init; } = 5;

    /// <summary>Start with a clean session.</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>MQTT keep-alive.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS 1 messages in flight at once.</summary>
    public int InFlight { get; init; } = 64;

    /// <summary>Longest wait between two reconnect attempts (the back-off doubles from 0.5 s up to this).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>User name, if any.</summary>
    public string? Username { get; init; }

    /// <summary>File holding the password (first line).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>Environment variable holding the password.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>TLS material for mqtts://.</summary>
    public TlsConfig? Tls { get; init; }

    /// <summary>Most twin messages per asset per second.</summary>
    public double TwinRateLimit { get; init; } = 1.0;
}

/// <summary>TLS settings (PEM files).</summary>
/// <param name="CaFile">CA certificate(s) that sign the broker's certificate.</param>
/// <param name="CertFile">Client certificate, for mutual TLS.</param>
/// <param name="KeyFile">Client private key, for mutual TLS.</param>
/// <param name="ServerName">Name to check the broker's certificate against (defaults to the URL's host).</param>
public sealed record TlsConfig(string? CaFile, string? CertFile, string? KeyFile, string? ServerName);

/// <summary>Local HTTP API and operator page.</summary>
public sealed record HttpConfig
{
    /// <summary>False disables the HTTP server.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>host:port to bind; anything but loopback requires a token.</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>File holding the access token for write endpoints (and for everything when not on loopback).</summary>
    public string? TokenFile { get; init; }
}
