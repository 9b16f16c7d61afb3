using System.Globalization;
using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;

namespace EdgeTwin.Gateway.Configuration;

/// <summary>Reads one point: the common keys plus the keys of its device's protocol.</summary>
internal static class PointReader
{
    public static PointConfig? Read(MapReader map, string? protocol, DeviceConfig device)
    {
        var id = map.String("id", required: true, ConfigLoader.PointIdPattern(), "letters, digits, '_', '.' or '-'");
        var typeText = map.String("type");
        var type = PointType.Float64;
        if (typeText is not null && !PointTypeNames.TryParse(typeText, out type))
        {
            map.Error("type", $"'{typeText}' is not a type: expected one of {PointTypeNames.Accepted}");
        }

        var point = new PointConfig
        {
            Id = id ?? "?",
            Type = type,
            Unit = map.String("unit"),
            Scale = map.Number("scale") ?? 1.0,
            Offset = map.Number("offset") ?? 0.0,
            Deadband = ReadDeadband(map),
            PublishEvery = map.Duration("publishEvery", min: TimeSpan.FromMilliseconds(1)),
            Poll = map.Duration("poll", min: TimeSpan.FromMilliseconds(1)),
            Enum = ReadEnum(map),
            Writable = ReadWriteRule(map),
        };
        if (point.Scale == 0)
        {
            map.Error("scale", "scale may not be 0");
        }

        point = protocol switch
        {
            "modbus" => point with { Modbus = ReadModbus(map, point, typeText is not null) },
            "opcua" => point with { OpcUa = ReadOpcUa(map) },
            "i2c" => CheckI2c(map, point with { I2c = ReadI2c(map) }, device),
            "gpio" => ReadGpioPoint(map, point),
            _ => point,
        };
        map.Done();
        return id is null ? null : point;
    }

    private static Deadband? ReadDeadband(MapReader map)
    {
        var scalar = map.Scalar("deadband", required: false);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].Trim() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            map.Error("deadband", $"'{text}' is not a deadband: expected a non-negative number (absolute) or a percentage like 2%");
            return null;
        }

        return new Deadband(value, percent);
    }

    private static IReadOnlyDictionary<long, string>? ReadEnum(MapReader map)
    {
        var entries = map.ScalarMap("enum");
        if (entries is null)
        {
            return null;
        }

        var result = new Dictionary<long, string>();
        foreach (var (key, value, _) in entries)
        {
            if (!MapReader.TryParseInteger(key, out var code))
            {
                map.Error("enum", $"enumeration key '{key}' is not an integer code");
                continue;
            }

            result[code] = value;
        }

        return result;
    }

    private static WriteRule? ReadWriteRule(MapReader map)
    {
        var writable = map.Bool("writable") ?? false;
        var min = map.Number("min");
        var max = map.Number("max");
        var interval = map.Duration("minWriteInterval");
        var verify = map.Bool("verify") ?? false;
        if (!writable)
        {
            if (min is not null || max is not null || interval is not null || map.Has("verify"))
            {
                map.Error(map.Has("min") ? "min" : map.Has("max") ? "max" : map.Has("verify") ? "verify" : "minWriteInterval", "write limits need writable: true");
            }

            return null;
        }

        if (min is not null && max is not null && min > max)
        {
            map.Error("min", $"min {min.Value.ToString(CultureInfo.InvariantCulture)} is above max {max.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        return new WriteRule(min, max, interval, verify);
    }

    private static ModbusPointConfig? ReadModbus(MapReader map, PointConfig point, bool typeGiven)
    {
        var tableText = map.Choice("table", ["coil", "discrete", "holding", "input"], required: true);
        var address = map.Integer("address", 0, 65535, required: true);
        var orderText = map.Choice("order", ["ABCD", "CDAB", "BADC", "DCBA"]);
        var bit = map.Integer("bit", 0, 15);
        var length = map.Integer("length", 1, 123);
        var unit = map.Integer("unitId", 0, 255);
        if (tableText is null || address is null)
        {
            return null;
        }

        var table = Enum.Parse<ModbusTable>(tableText, ignoreCase: true);
        var bitTable = table is ModbusTable.Coil or ModbusTable.Discrete;
        if (bitTable && typeGiven && point.Type != PointType.Bool)
        {
            map.Error("type", $"{tableText} points are bool, not {point.Type.ToName()}");
        }

        if (bit is not null && (bitTable || point.Type != PointType.Bool))
        {
            map.Error("bit", "bit selects a bit of a register: it needs type bool and table holding or input");
        }

        if (!bitTable && point.Type == PointType.Bool && bit is null)
        {
            map.Error("type", "a bool point in a register table needs bit: 0..15");
        }

        if (point.Type == PointType.String && length is null)
        {
            map.Error("type", "a string point needs length (registers)");
        }

        if (point.Type == PointType.Counter)
        {
            map.Error("type", "counter is a GPIO type; use uint32 or uint64 for Modbus counters");
        }

        var registers = point.Type switch
        {
            PointType.Int32 or PointType.UInt32 or PointType.Float32 => 2,
            PointType.Int64 or PointType.UInt64 or PointType.Float64 => 4,
            PointType.String => (int)(length ?? 1),
            _ => 1,
        };
        if (address + registers > 65536)
        {
            map.Error("address", $"a {point.Type.ToName()} at {address} runs past register 65535");
        }

        if (point.Writable is not null && table is ModbusTable.Discrete or ModbusTable.Input)
        {
            map.Error("writable", $"{tableText} points are read-only in Modbus");
        }

        return new ModbusPointConfig(
            table,
            (ushort)address.Value,
            orderText is null ? WordOrder.ABCD : Enum.Parse<WordOrder>(orderText),
            bit is null ? null : (int)bit,
            length is null ? null : (int)length,
            unit is null ? null : (byte)unit);
    }

    private static OpcUaPointConfig? ReadOpcUa(MapReader map)
    {
        var nodeId = map.String("nodeId", required: true);
        var mode = map.Choice("mode", ["subscribe", "poll"]);
        var sampling = map.Duration("samplingInterval");
        if (nodeId is not null && !LooksLikeNodeId(nodeId))
        {
            map.Error("nodeId", $"'{nodeId}' is not a node id: expected e.g. ns=1;s=Temperature, i=2258, ns=2;g=..., ns=3;b=...");
        }

        return nodeId is null ? null : new OpcUaPointConfig(nodeId, mode == "poll" ? OpcUaMode.Poll : OpcUaMode.Subscribe, sampling);
    }

    private static bool LooksLikeNodeId(string text)
    {
        var rest = text;
        if (rest.StartsWith("ns=", StringComparison.Ordinal) || rest.StartsWith("nsu=", StringComparison.Ordinal))
        {
            var semi = rest.IndexOf(';', StringComparison.Ordinal);
            if (semi < 0)
            {
                return false;
            }

            rest = rest[(semi + 1)..];
        }

        return rest.Length > 2 && rest[1] == '=' && rest[0] is 'i' or 's' or 'g' or 'b';
    }

    private static I2cPointConfig? ReadI2c(MapReader map)
    {
        var measurement = map.String("measurement");
        var register = map.Integer("register", 0, 255);
        var length = map.Integer("length", 1, 8);
        var order = map.Choice("order", ["ABCD", "CDAB", "BADC", "DCBA"]);
        return new I2cPointConfig(measurement, (int?)register, (int?)length, order is null ? WordOrder.ABCD : Enum.Parse<WordOrder>(order));
    }

    /// <summary>The chip's catalogue decides which measurements, registers and types a point may use.</summary>
    private static PointConfig CheckI2c(MapReader map, PointConfig point, DeviceConfig device)
    {
        if (device.I2c?.Chip is { } chip)
        {
            foreach (var error in I2cSensorCatalog.CheckPoint(chip, point))
            {
                map.Error(error.Key, error.Message);
            }
        }

        return point;
    }

    private static PointConfig ReadGpioPoint(MapReader map, PointConfig point)
    {
        var rate = map.Bool("rate") ?? false;
        var gpio = ReadGpio(map, point);
        if (rate && point.Type != PointType.Counter)
        {
            map.Error("rate", "rate applies to counters (type: counter)");
        }

        // A rate point reads its pin's counter as pulses per second: a float64 value, not a count.
        return rate && point.Type == PointType.Counter ? point with { Type = PointType.Float64, Gpio = gpio } : point with { Gpio = gpio };
    }

    private static GpioPointConfig? ReadGpio(MapReader map, PointConfig point)
    {
        var pin = map.Integer("pin", 0, 1023, required: true);
        var pull = map.Choice("pull", ["none", "up", "down"]) ?? "none";
        var debounce = map.Duration("debounce");
        var edge = map.Choice("edge", ["rising", "falling", "both"]) ?? "rising";
        var output = map.Bool("output") ?? false;
        var kind = point.Type switch
        {
            PointType.Counter => GpioPointKind.Counter,
            _ when output => GpioPointKind.Output,
            _ => GpioPointKind.Input,
        };
        if (point.Type is not (PointType.Bool or PointType.Counter))
        {
            map.Error("type", "GPIO points are bool (input/output) or counter");
        }

        if (output && point.Writable is null)
        {
            map.Error("output", "an output needs writable: true (writes are authorised per point)");
        }

        return pin is null ? null : new GpioPointConfig((int)pin, kind, pull, debounce, edge);
    }
}
