using EdgeTwin.Core.Points;

namespace EdgeTwin.Core.Configuration;

/// <summary>One point of a device: common settings plus exactly the protocol section of its device.</summary>
public sealed record PointConfig
{
    /// <summary>Point id, unique within the device; [A-Za-z0-9_.-].</summary>
    public required string Id { get; init; }

    /// <summary>Data shape of the raw value.</summary>
    public PointType Type { get; init; } = PointType.Float64;

    /// <summary>Engineering unit, for display.</summary>
    public string? Unit { get; init; }

    /// <summary>value = raw * scale + offset.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>value = raw * scale + offset.</summary>
    public double Offset { get; init; }

    /// <summary>Report-by-exception threshold, or null to publish every sample.</summary>
    public Deadband? Deadband { get; init; }

    /// <summary>Heartbeat: publish at least this often even without change.</summary>
    public TimeSpan? PublishEvery { get; init; }

    /// <summary>Scan class: poll this point at another rate than the device.</summary>
    public TimeSpan? Poll { get; init; }

    /// <summary>Labels of enumeration codes.</summary>
    public IReadOnlyDictionary<long, string>? Enum { get; init; }

    /// <summary>Write authorisation; null = read-only.</summary>
    public WriteRule? Writable { get; init; }

    /// <summary>Modbus address of the point.</summary>
    public ModbusPointConfig? Modbus { get; init; }

    /// <summary>OPC UA node of the point.</summary>
    public OpcUaPointConfig? OpcUa { get; init; }

    /// <summary>I2C measurement or register of the point.</summary>
    public I2cPointConfig? I2c { get; init; }

    /// <summary>GPIO pin of the point.</summary>
    public GpioPointConfig? Gpio { get; init; }

    /// <summary>Converts a raw reading to engineering units.</summary>
    public double ToEngineering(double raw) => ToEngineering(raw, Scale, Offset);

    /// <summary>Converts a raw reading to engineering units with a copy of a point's <paramref name="scale"/> and <paramref name="offset"/> (hot loops that keep them at hand).</summary>
    public static double ToEngineering(double raw, double scale, double offset) => raw * scale + offset;

    /// <summary>Converts engineering units back to the raw value (for writes).</summary>
    public double ToRaw(double engineering) => (engineering - Offset) / Scale;
}

/// <summary>Modbus data tables.</summary>
public enum ModbusTable
{
    /// <summary>Coils (FC1 read, FC5/15 write).</summary>
    Coil,
    /// <summary>Discrete inputs (FC2).</summary>
    Discrete,
    /// <summary>Holding registers (FC3 read, FC6/16 write).</summary>
    Holding,
    /// <summary>Input registers (FC4).</summary>
    Input,
}

/// <summary>
/// Byte and word order of multi-register values, named by where the bytes A (most significant) .. D land:
/// ABCD big-endian, CDAB word-swapped, BADC byte-swapped, DCBA little-endian.
/// </summary>
public enum WordOrder
{
    /// <summary>Big-endian (Modbus default).</summary>
    ABCD,
    /// <summary>Words swapped.</summary>
    CDAB,
    /// <summary>Bytes swapped within each word.</summary>
    BADC,
    /// <summary>Little-endian.</summary>
    DCBA,
}

/// <summary>Where a point lives in a Modbus device.</summary>
/// <param name="Table">Data table.</param>
/// <param name="Address">0-based protocol address.</param>
/// <param name="Order">Word/byte order for multi-register types.</param>
/// <param name="Bit">For bool points in a register table: the bit (0 = least significant).</param>
/// <param name="Length">For string points: number of registers.</param>
/// <param name="Unit">Unit id overriding the device's.</param>
public sealed record ModbusPointConfig(ModbusTable Table, ushort Address, WordOrder Order = WordOrder.ABCD, int? Bit = null, int? Length = null, byte? Unit = null);

/// <summary>How an OPC UA point is acquired.</summary>
public enum OpcUaMode
{
    /// <summary>Monitored item in a subscription.</summary>
    Subscribe,
    /// <summary>Read each poll cycle.</summary>
    Poll,
}

/// <summary>Where a point lives in an OPC UA server.</summary>
/// <param name="NodeId">Node id text, e.g. ns=1;s=Temperature.</param>
/// <param name="Mode">Subscribe or poll.</param>
/// <param name="SamplingInterval">Requested sampling interval (subscribe).</param>
public sealed record OpcUaPointConfig(string NodeId, OpcUaMode Mode = OpcUaMode.Subscribe, TimeSpan? SamplingInterval = null);

/// <summary>Which measurement of an I2C chip, or which register of a generic device.</summary>
/// <param name="Measurement">temperature, humidity, pressure, channel0..3, diff01, bus_voltage, current, power, ...</param>
/// <param name="Register">Register address (generic chips).</param>
/// <param name="Length">Bytes to read (generic chips).</param>
/// <param name="Order">Byte order (generic chips).</param>
public sealed record I2cPointConfig(string? Measurement, int? Register = null, int? Length = null, WordOrder Order = WordOrder.ABCD);

/// <summary>What a GPIO point does.</summary>
public enum GpioPointKind
{
    /// <summary>Digital input level, debounced.</summary>
    Input,
    /// <summary>Pulse counter with rate.</summary>
    Counter,
    /// <summary>Digital output (write-only, authorised).</summary>
    Output,
}

/// <summary>A GPIO pin.</summary>
/// <param name="Pin">Line number on the chip.</param>
/// <param name="Kind">Input, counter or output.</param>
/// <param name="Pull">none, up, down.</param>
/// <param name="Debounce">Debounce time of inputs.</param>
/// <param name="Edge">rising, falling, both (counters).</param>
public sealed record GpioPointConfig(int Pin, GpioPointKind Kind, string Pull = "none", TimeSpan? Debounce = null, string Edge = "rising");
