using System.Text.RegularExpressions;
using EdgeTwin.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>
/// Loads and validates a YAML configuration in one place. Every problem is reported with file, line, column and key;
/// nothing half-valid is ever returned.
/// </summary>
public static partial class ConfigLoader
{
    internal const string IdText = "letters, digits, '_' or '-'";

    /// <summary>Loads <paramref name="path"/>; throws <see cref="ConfigException"/> listing every error.</summary>
    public static GatewayConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException([new ConfigError(path, 1, 1, "(file)", "file not found")]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses configuration text; <paramref name="file"/> names it in errors.</summary>
    public static GatewayConfig Parse(string yaml, string file)
    {
        var errors = new ConfigErrors(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message;
            errors.Add(ex.Start, "(syntax)", inner is null ? ex.Message : $"{ex.Message} {inner}");
            throw new ConfigException(errors.All);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(stream.Documents.Count == 0 ? Mark.Empty : stream.Documents[0].RootNode.Start, "(root)", "expected a mapping with gateway, devices, assets, ...");
            throw new ConfigException(errors.All);
        }

        var reader = new MapReader(root, string.Empty, errors);
        var config = Read(reader, file);
        reader.Done();
        if (errors.Any || config is null)
        {
            throw new ConfigException(errors.All.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        return config;
    }

    private static GatewayConfig? Read(MapReader root, string file)
    {
        var gateway = ReadGateway(root.Map("gateway", required: true));
        var storage = ReadStorage(root.Map("storage"));
        var mqtt = ReadMqtt(root.Map("mqtt"));
        var http = ReadHttp(root.Map("http"));
        var devices = DeviceReader.ReadAll(root);
        var assets = AssetReader.ReadAll(root, devices);
        var groups = ReadGroups(root.Map("groups"), assets);
        var maintenance = ReadMaintenance(root.Map("maintenance"));
        if (gateway is null)
        {
            return null;
        }

        return new GatewayConfig
        {
            Gateway = gateway,
            Storage = storage,
            Mqtt = mqtt,
            Http = http,
            Devices = devices,
            Assets = assets,
            Groups = groups,
            Maintenance = maintenance,
            SourceFile = Path.GetFullPath(file),
        };
    }

    private static GatewayIdentity? ReadGateway(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var id = map.String("id", required: true, IdPattern(), IdText);
        var site = map.String("site");
        map.Done();
        return id is null ? null : new GatewayIdentity(id, site);
    }

    private static StorageConfig ReadStorage(MapReader? map)
    {
        var storage = new StorageConfig();
        if (map is null)
        {
            return storage;
        }

        storage = storage with
        {
            Path = map.String("path") ?? storage.Path,
            MaxSizeMb = (int)(map.Integer("maxSizeMb", 1, 1_000_000) ?? storage.MaxSizeMb),
            HistoryRetention = map.Duration("historyRetention") ?? storage.HistoryRetention,
            CommitInterval = map.Duration("commitInterval", min: TimeSpan.Zero) ?? storage.CommitInterval,
            BackfillRate = (int)(map.Integer("backfillRate", 0, 10_000_000) ?? storage.BackfillRate),
        };
        map.Done();
        return storage;
    }

    private static MqttConfig? ReadMqtt(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var urlText = map.String("url", required: true);
        Uri? url = null;
        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(url.Host))
            {
                map.Error("url", $"'{urlText}' is not a broker URL: expected mqtt://host:port or mqtts://host:port");
                url = null;
            }
        }

        var defaults = new MqttConfig { Url = new Uri("mqtt://127.0.0.1:1883") };
        var payload = map.Choice("payload", ["json", "sparkplug"]);
        var protocol = map.Choice("protocol", ["5", "3.1.1"]);
        TlsConfig? tls = null;
        if (map.Map("tls") is { } t)
        {
            tls = new TlsConfig(ExistingFile(t, "ca"), ExistingFile(t, "cert"), ExistingFile(t, "key"), t.String("serverName"));
            if ((tls.CertFile is null) != (tls.KeyFile is null) && t.Has("cert") != t.Has("key"))
            {
                t.Error(t.Has("cert") ? "cert" : "key", "cert and key go together for client-certificate authentication");
            }

            t.Done();
        }

        var username = map.String("username");
        var passwordFile = map.String("passwordFile");
        var passwordEnv = map.String("passwordEnv");
        if (map.Has("password"))
        {
            map.ErrorAtKey("password", "passwords are never written in the configuration: use passwordFile or passwordEnv");
        }

        var config = defaults with
        {
            Url = url ?? defaults.Url,
            TopicRoot = map.String("topicRoot", pattern: TopicPattern(), patternText: "topic levels without wildcards (+, #)") ?? defaults.TopicRoot,
            ClientId = map.String("clientId"),
            Payload = payload == "sparkplug" ? PayloadFormat.Sparkplug : PayloadFormat.Json,
            SparkplugGroup = map.String("group", pattern: IdPattern(), patternText: IdText),
            ProtocolVersion = protocol == "3.1.1" ? 4 : 5,
            CleanSession = map.Bool("cleanSession") ?? defaults.CleanSession,
            KeepAlive = map.Duration("keepAlive", min: TimeSpan.FromSeconds(1)) ?? defaults.KeepAlive,
            InFlight = (int)(map.Integer("inFlight", 1, 65535) ?? defaults.InFlight),
            MaxBackoff = map.Duration("maxBackoff", min: TimeSpan.FromMilliseconds(100)) ?? defaults.MaxBackoff,
            Username = username,
            PasswordFile = passwordFile,
            PasswordEnv = passwordEnv,
            Tls = tls,
            TwinRateLimit = map.Number("twinRateLimit", min: 0.001, max: 1000) ?? defaults.TwinRateLimit,
        };
        if (tls is not null && url is not null && url.Scheme != "mqtts")
        {
            map.Error("tls", "tls settings need an mqtts:// url");
        }

        map.Done();
        return url is null ? null : config;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadGroups(MapReader? map, IReadOnlyList<AssetConfig> assets)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (map is null)
        {
            return groups;
        }

        var ids = assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var name in map.Keys())
        {
            if (!IdPattern().IsMatch(name))
            {
                map.ErrorAtKey(name, "group names are " + IdText);
            }
            else if (ids.Contains(name))
            {
                map.ErrorAtKey(name, $"'{name}' is already an asset id: a group needs its own name");
            }

            if (map.StringList(name) is not { } members)
            {
                continue;
            }

            if (members.Count == 0)
            {
                map.Error(name, "a group needs at least one asset");
                continue;
            }

            foreach (var member in members)
            {
                if (!ids.Contains(member))
                {
                    map.Error(name, $"unknown asset '{member}' (assets: {string.Join(", ", assets.Select(a => a.Id))})");
                }
            }

            foreach (var twice in members.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                map.Error(name, $"asset '{twice.Key}' is listed twice");
            }

            groups[name] = members;
        }

        return groups;
    }

    private static MaintenanceConfig ReadMaintenance(MapReader? map)
    {
        var config = new MaintenanceConfig();
        if (map is null)
        {
            return config;
        }

        config = config with
        {
            Probability = map.Number("probability", min: 0.01, max: 0.99) ?? config.Probability,
            Rul = map.Duration("rul", min: TimeSpan.FromSeconds(1)) ?? config.Rul,
            Critical = map.Duration("critical", min: TimeSpan.FromSeconds(1)) ?? config.Critical,
            Window = map.Duration("window", min: TimeSpan.FromSeconds(1)),
            Hysteresis = map.Number("hysteresis", min: 0, max: 0.5) ?? config.Hysteresis,
            MinDwell = map.Duration("minDwell") ?? config.MinDwell,
            MaxDown = (int)(map.Integer("maxDown", 1, 10_000) ?? config.MaxDown),
        };
        if (config.Critical >= config.Rul && map.Has("critical"))
        {
            map.Error("critical", $"the critical level ({Durations.Format(config.Critical)}) must be below the rul level ({Durations.Format(config.Rul)})");
        }

        var types = new Dictionary<string, MaintenanceCost>(StringComparer.Ordinal);
        if (map.Map("types") is { } typesMap)
        {
            foreach (var type in typesMap.Keys())
            {
                if (typesMap.Map(type) is not { } t)
                {
                    continue;
                }

                var downtime = t.Duration("downtime", required: true);
                var cost = t.Number("cost", min: 0);
                var currency = t.String("currency");
                t.Done();
                if (downtime is { } d)
                {
                    types[type] = new MaintenanceCost(d, cost, currency);
                }
            }

            typesMap.Done();
        }

        map.Done();
        return config with { Types = types };
    }

    private static HttpConfig ReadHttp(MapReader? map)
    {
        var http = new HttpConfig();
        if (map is null)
        {
            return http;
        }

        http = http with
        {
            Enabled = map.Bool("enabled") ?? http.Enabled,
            Listen = map.String("listen", pattern: ListenPattern(), patternText: "host:port, e.g. 127.0.0.1:8080") ?? http.Listen,
            TokenFile = TokenFile(map),
        };
        var host = http.Listen[..http.Listen.LastIndexOf(':')];
        if (http.TokenFile is null && host is not ("127.0.0.1" or "localhost" or "[::1]"))
        {
            map.Error("listen", $"binding to {host} (not loopback) requires http.tokenFile");
        }

        map.Done();
        return http;
    }

    /// <summary>
    /// Reads a file path that must name an existing, readable file (checked now, so that a daemon never starts, and
    /// a reload never switches, with a file it cannot read later). The path is returned even when the check fails.
    /// </summary>
    internal static string? ExistingFile(MapReader map, string key)
    {
        var path = map.String(key);
        if (path is not null)
        {
            CanRead(map, key, path, read: null);
        }

        return path;
    }

    /// <summary>The access token file: readable, and holding a token long enough to be worth asking for.</summary>
    private static string? TokenFile(MapReader map)
    {
        var path = map.String("tokenFile");
        if (path is not null)
        {
            var length = 0;
            if (CanRead(map, "tokenFile", path, stream => length = new StreamReader(stream).ReadToEnd().Trim().Length)
                && length < Http.HttpAccess.MinTokenLength)
            {
                map.Error("tokenFile", $"the token in '{path}' has {length} characters; at least {Http.HttpAccess.MinTokenLength} are required");
            }
        }

        return path;
    }

    /// <summary>Opens <paramref name="path"/> for reading (and hands it to <paramref name="read"/>); false after reporting why not.</summary>
    private static bool CanRead(MapReader map, string key, string path, Action<Stream>? read)
    {
        if (!File.Exists(path))
        {
            map.Error(key, Directory.Exists(path) ? $"'{path}' is a directory, not a file" : $"file '{path}' does not exist");
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            read?.Invoke(stream);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            map.Error(key, $"file '{path}' cannot be read: {ex.Message}");
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    internal static partial Regex PointIdPattern();

    [GeneratedRegex("^[^+#]+$")]
    private static partial Regex TopicPattern();

    [GeneratedRegex(@"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")]
    private static partial Regex ListenPattern();
}
