using System.Globalization;
using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>
/// The address space of the bench peer: Double variables <c>ns=1;s=Bench.0</c> .. <c>Bench.N-1</c> that all change
/// together at every tick (the value is the tick count, so a client can see a missed change as a gap), plus the few
/// Server nodes a client reads when it connects (namespace array, operation limits, current time). With
/// <see cref="Noisy"/> each value also carries a fraction in thousandths that differs per variable and tick, like a
/// noisy sensor reading (its whole part still counts the ticks): a counter alone compresses far better than real
/// data does in the gateway's history (tests/bench/PERFORMANCE-LOG.md, OPC UA).
/// </summary>
internal sealed class BenchVariables
{
    /// <summary>Ticks whose source timestamps are kept (the longest monitored item queue).</summary>
    public const int History = 64;

    /// <summary>The namespace of the variables.</summary>
    public const string NamespaceUri = "urn:edgetwin:bench-peer";

    /// <summary>What the peer advertises as MaxNodesPerRead and MaxMonitoredItemsPerCall.</summary>
    public const uint MaxNodesPerCall = 5000;

    private const string Prefix = "Bench.";
    private readonly DateTime[] _times = new DateTime[History];
    private long _tick;

    /// <summary>Creates <paramref name="count"/> variables with value 0 at <paramref name="start"/>.</summary>
    public BenchVariables(int count, DateTime start, bool noisy = false)
    {
        Count = count;
        Noisy = noisy;
        _times[0] = start;
    }

    /// <summary>True when the values carry a pseudo-random fraction besides the tick count.</summary>
    public bool Noisy { get; }

    /// <summary>Number of variables.</summary>
    public int Count { get; }

    /// <summary>The current tick (the current value of every variable).</summary>
    public long Tick => Volatile.Read(ref _tick);

    /// <summary>Changes every variable: the next tick, stamped <paramref name="now"/>.</summary>
    public long Advance(DateTime now)
    {
        var next = _tick + 1;
        _times[next % History] = now;
        Volatile.Write(ref _tick, next);
        return next;
    }

    /// <summary>The source timestamp of <paramref name="tick"/> (one of the last <see cref="History"/>).</summary>
    public DateTime TimeOf(long tick) => _times[tick % History];

    /// <summary>The variable index of <paramref name="nodeId"/>, or -1 when it is not one of the variables.</summary>
    public int IndexOf(NodeId nodeId)
    {
        if (nodeId.NamespaceIndex != 1 || nodeId.IdType != NodeIdType.String || nodeId.Identifier is not string text
            || !text.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return -1;
        }

        return index < Count ? index : -1;
    }

    /// <summary>The value of variable <paramref name="index"/> at <paramref name="tick"/>.</summary>
    public double Value(int index, long tick)
    {
        if (!Noisy)
        {
            return tick;
        }

        // A cheap integer hash of (index, tick) to thousandths: deterministic, different for every variable and tick.
        var h = (ulong)(uint)index * 0x9E3779B97F4A7C15UL ^ (ulong)tick * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return tick + (h % 1000) / 1000.0;
    }

    /// <summary>The value of variable <paramref name="index"/> at <paramref name="tick"/> with the timestamps <paramref name="timestamps"/> asks for.</summary>
    public DataValue ValueAt(int index, long tick, TimestampsToReturn timestamps)
    {
        var time = TimeOf(tick);
        return new DataValue(
            Value(index, tick),
            sourceTimestamp: timestamps is TimestampsToReturn.Source or TimestampsToReturn.Both ? time : null,
            serverTimestamp: timestamps is TimestampsToReturn.Server or TimestampsToReturn.Both ? time : null);
    }

    /// <summary>Reads one attribute: the Value of a variable or of a Server node the client asks for at connect.</summary>
    public DataValue Read(ReadValueId item, TimestampsToReturn timestamps)
    {
        if (item.AttributeId != AttributeIds.Value)
        {
            return new DataValue { StatusCode = StatusCodes.BadAttributeIdInvalid };
        }

        if (IndexOf(item.NodeId) is var index and >= 0)
        {
            return ValueAt(index, Tick, timestamps);
        }

        if (item.NodeId.NamespaceIndex != 0 || item.NodeId.IdType != NodeIdType.Numeric)
        {
            return new DataValue { StatusCode = StatusCodes.BadNodeIdUnknown };
        }

        var id = item.NodeId;
        if (id == WellKnownNodeIds.ServerNamespaceArray)
        {
            return new DataValue(Variant.FromArray(new[] { "http://opcfoundation.org/UA/", NamespaceUri }, BuiltInType.String));
        }

        if (id == WellKnownNodeIds.ServerStatusCurrentTime)
        {
            return new DataValue(DateTime.UtcNow);
        }

        if (id == WellKnownNodeIds.MaxNodesPerRead || id == WellKnownNodeIds.MaxMonitoredItemsPerCall)
        {
            return new DataValue(MaxNodesPerCall);
        }

        return new DataValue { StatusCode = StatusCodes.BadNodeIdUnknown };
    }
}
