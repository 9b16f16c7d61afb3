using EdgeTwin.Core.Configuration;
using EdgeTwin.Core.Points;
using EdgeTwin.OpcUa;

namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>One configured OPC UA point: its node, how it is acquired and its last known state.</summary>
internal sealed class OpcUaPoint
{
    public OpcUaPoint(PointInfo info, NodeId nodeId, uint handle)
    {
        Info = info;
        NodeId = nodeId;
        Handle = handle;
    }

    public PointInfo Info { get; }

    public PointConfig Config => Info.Config;

    public NodeId NodeId { get; }

    /// <summary>The monitored item's client handle (the point's position in the device).</summary>
    public uint Handle { get; }

    public OpcUaMode Mode => Config.OpcUa!.Mode;

    /// <summary>The built-in type of the node's value, learned from the DataType attribute or the last value.</summary>
    public BuiltInType? ValueType { get; set; }

    /// <summary>True while the last sample of the point was Bad.</summary>
    public bool Bad { get; set; } = true;
}
