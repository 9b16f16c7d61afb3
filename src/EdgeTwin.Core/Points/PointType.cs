namespace EdgeTwin.Core.Points;

/// <summary>The data shape of a point's raw value.</summary>
public enum PointType : byte
{
    /// <summary>A boolean (coil, discrete input, bit of a register, GPIO level).</summary>
    Bool,
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>Signed 64-bit integer.</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>IEEE 754 single precision.</summary>
    Float32,
    /// <summary>IEEE 754 double precision.</summary>
    Float64,
    /// <summary>Text (ASCII string of N registers, OPC UA String).</summary>
    String,
    /// <summary>A monotonically increasing pulse count (GPIO counters).</summary>
    Counter,
}

/// <summary>Config and wire names of <see cref="PointType"/>.</summary>
public static class PointTypeNames
{
    /// <summary>Parses a config name (case-insensitive); false when unknown.</summary>
    public static bool TryParse(string text, out PointType type)
    {
        switch (text.ToLowerInvariant())
        {
            case "bool": case "boolean": type = PointType.Bool; return true;
            case "int16": type = PointType.Int16; return true;
            case "uint16": type = PointType.UInt16; return true;
            case "int32": type = PointType.Int32; return true;
            case "uint32": type = PointType.UInt32; return true;
            case "int64": type = PointType.Int64; return true;
            case "uint64": type = PointType.UInt64; return true;
            case "float32": case "float": type = PointType.Float32; return true;
            case "float64": case "double": type = PointType.Float64; return true;
            case "string": type = PointType.String; return true;
            case "counter": type = PointType.Counter; return true;
            default: type = default; return false;
        }
    }

    /// <summary>All accepted names, for error messages.</summary>
    public const string Accepted = "bool, int16, uint16, int32, uint32, int64, uint64, float32, float64, string, counter";

    /// <summary>The lower-case config name.</summary>
    public static string ToName(this PointType type) => type.ToString().ToLowerInvariant();
}
