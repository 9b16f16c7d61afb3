using System.Globalization;
using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>Reads and validates the <c>devices</c> list and their points.</summary>
internal static class DeviceReader
{
    private static readonly string[] Protocols = ["modbus", "opcua", "i2c", "gpio"];

    public static IReadOnlyList<DeviceConfig> ReadAll(MapReader root)
    {
        var devices = new List<DeviceConfig>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in root.MapList("devices"))
        {
            var device = Read(map);
            if (device is null)
            {
                continue;
            }

            if (ids.TryGetValue(device.Id, out var first))
            {
                map.Error("id", $"duplicate device id '{device.Id}' (first used at {first})");
                continue;
            }

            ids[device.Id] = map.KeyPath("id");
            devices.Add(device);
        }

        return devices;
    }

    private static DeviceConfig? Read(MapReader map)
    {
        var id = map.String("id", required: true, ConfigLoader.IdPattern(), ConfigLoader.IdText);
        var present = Protocols.Where(map.Has).ToList();
        if (present.Count != 1)
        {
            map.Errors.Add(map.Start, map.Path, present.Count == 0
                ? "a device needs one of: modbus, opcua, i2c, gpio"
                : $"a device has exactly one protocol, found {string.Join(" and ", present)}");
        }

        var defaults = new DeviceConfig { Id = "x" };
        var device = new DeviceConfig
        {
            Id = id ?? "?",
            Poll = map.Duration("poll", min: TimeSpan.FromMilliseconds(1)) ?? defaults.Poll,
            PollOffset = ReadPollOffset(map),
            Timeout = map.Duration("timeout", min: TimeSpan.FromMilliseconds(1)) ?? defaults.Timeout,
            Retries = (int)(map.Integer("retries", 0, 10) ?? defaults.Retries),
            MaxBackoff = map.Duration("maxBackoff", min: TimeSpan.FromMilliseconds(10)) ?? defaults.MaxBackoff,
            Modbus = ReadModbus(map.Map("modbus")),
            OpcUa = ReadOpcUa(map.Map("opcua")),
            I2c = ReadI2c(map.Map("i2c")),
            Gpio = ReadGpio(map.Map("gpio")),
        };

        var protocol = present.Count == 1 ? present[0] : null;
        var points = new List<PointConfig>();
        var pointMaps = new List<MapReader>();
        var pointIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in map.MapList("points"))
        {
            var point = PointReader.Read(p, protocol, device);
            if (point is null)
            {
                continue;
            }

            if (!pointIds.Add(point.Id))
            {
                p.Error("id", $"duplicate point id '{point.Id}' in device '{device.Id}'");
                continue;
            }

            points.Add(point);
            pointMaps.Add(p);
        }

        if (protocol == "gpio")
        {
            foreach (var (index, error) in GpioPointRules.Check(points))
            {
                pointMaps[index].Error(error.Key, error.Message);
            }
        }

        if (device.PollOffset >= device.Poll)
        {
            map.Error("pollOffset", $"{Durations.Format(device.PollOffset.Value)} is not shorter than the poll interval {Durations.Format(device.Poll)}");
        }

        map.Done();
        return id is null ? null : device with { Points = points };
    }

    // auto (the default: spread from the other devices) or a duration into the poll interval.
    private static TimeSpan? ReadPollOffset(MapReader map)
    {
        var scalar = map.Scalar("pollOffset", required: false);
        if (scalar is null || scalar.Value == "auto")
        {
            return null;
        }

        if (!Durations.TryParse(scalar.Value, out var offset) || offset < TimeSpan.Zero)
        {
            map.Errors.Add(scalar.Start, map.KeyPath("pollOffset"), $"'{scalar.Value}' is neither auto nor a duration (e.g. 0ms to poll in step with other devices, 250ms)");
            return null;
        }

        return offset;
    }

    private static ModbusDeviceConfig? ReadModbus(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var d = new ModbusDeviceConfig();
        var host = map.String("host");
        var serial = map.String("serial");
        var framing = map.Choice("framing", ["tcp", "rtu", "rtu-over-tcp"]);
        var config = d with
        {
            Host = host,
            Port = (int)(map.Integer("port", 1, 65535) ?? d.Port),
            Unit = (byte)(map.Integer("unit", 0, 255) ?? d.Unit),
            Serial = serial,
            Framing = framing switch
            {
                "rtu" => ModbusFraming.Rtu,
                "rtu-over-tcp" => ModbusFraming.RtuOverTcp,
                "tcp" => ModbusFraming.Tcp,
                _ => serial is not null ? ModbusFraming.Rtu : ModbusFraming.Tcp,
            },
            Baud = (int)(map.Integer("baud", 300, 4_000_000) ?? d.Baud),
            Parity = map.Choice("parity", ["none", "even", "odd"]) ?? d.Parity,
            DataBits = (int)(map.Integer("dataBits", 7, 8) ?? d.DataBits),
            StopBits = (int)(map.Integer("stopBits", 1, 2) ?? d.StopBits),
            MaxGap = (int)(map.Integer("maxGap", 0, 2000) ?? d.MaxGap),
            MaxRegisters = (int)(map.Integer("maxRegisters", 1, 125) ?? d.MaxRegisters),
            MaxBits = (int)(map.Integer("maxBits", 1, 2000) ?? d.MaxBits),
            Pipeline = (int)(map.Integer("pipeline", 1, EdgeTwin.Modbus.Client.ModbusClientOptions.MaxPipeline) ?? d.Pipeline),
        };
        if (config.Framing == ModbusFraming.Rtu && serial is null)
        {
            map.Errors.Add(map.Start, map.KeyPath("serial"), "rtu framing needs a serial port, e.g. /dev/ttyUSB0");
        }

        if (config.Framing != ModbusFraming.Tcp && config.Pipeline > 1)
        {
            map.Errors.Add(map.Start, map.KeyPath("pipeline"), "needs Modbus TCP framing: RTU frames carry no transaction id to match answers by");
        }

        if (config.Framing != ModbusFraming.Rtu && host is null)
        {
            map.Errors.Add(map.Start, map.KeyPath("host"), "is required for Modbus TCP");
        }

        map.Done();
        return config;
    }

    private static OpcUaDeviceConfig? ReadOpcUa(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var endpoint = map.String("endpoint", required: true);
        if (endpoint is not null && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == "opc.tcp"))
        {
            map.Error("endpoint", $"'{endpoint}' is not an opc.tcp:// URL");
        }

        var policy = map.Choice("securityPolicy", ["None", "Basic256Sha256", "Aes128_Sha256_RsaOaep"]) ?? "None";
        var mode = map.Choice("securityMode", ["None", "Sign", "SignAndEncrypt"]) ?? (policy == "None" ? "None" : "SignAndEncrypt");
        if ((policy == "None") != (mode == "None"))
        {
            map.Error("securityMode", $"securityMode {mode} does not fit securityPolicy {policy}");
        }

        var config = new OpcUaDeviceConfig
        {
            Endpoint = endpoint ?? string.Empty,
            SecurityPolicy = policy,
            SecurityMode = mode,
            Username = map.String("username"),
            PasswordFile = ConfigLoader.ExistingFile(map, "passwordFile"),
            AutoAcceptServerCertificate = map.Bool("autoAcceptServerCertificate") ?? false,
            Pki = map.String("pki"),
            PublishingInterval = map.Duration("publishingInterval", min: TimeSpan.FromMilliseconds(10)) ?? TimeSpan.FromMilliseconds(500),
        };
        if (config.Username is not null && config.PasswordFile is null && !map.Has("passwordFile"))
        {
            map.Error("username", "a username needs passwordFile");
        }

        map.Done();
        return config;
    }

    private static I2cDeviceConfig? ReadI2c(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var bus = map.Integer("bus", 0, 255, required: true);
        var address = map.Integer("address", 0x03, 0x77, required: true);
        var chip = map.Choice("chip", ["bme280", "sht3x", "sht4x", "ads1115", "ina219", "generic"], required: true);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "mode", "oversampling", "filter", "gain", "dataRate", "shuntOhms", "maxCurrent", "repeatability", "precision" })
        {
            if (map.String(key) is { } value)
            {
                settings[key] = value;
            }
        }

        if (chip is not null)
        {
            foreach (var error in I2cSensorCatalog.CheckDevice(chip, settings))
            {
                map.Error(error.Key, error.Message);
            }
        }

        map.Done();
        // An unknown chip was reported above; an empty name keeps its points from being checked against another chip.
        return new I2cDeviceConfig((int)(bus ?? 1), (int)(address ?? 0x76), chip ?? string.Empty, settings);
    }

    private static GpioDeviceConfig? ReadGpio(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var chip = map.Integer("chip", 0, 64) ?? 0;
        map.Done();
        return new GpioDeviceConfig((int)chip);
    }

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
