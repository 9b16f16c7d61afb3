using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.OpcUa.Subscriptions;

/// <summary>
/// A value to monitor: the node and attribute, the client handle notifications carry (the gateway's point index),
/// sampling and queueing, and an optional deadband (OPC 10000-4 §5.12.1, §7.22.2).
/// </summary>
public sealed record MonitoredItemRequest
{
    /// <summary>The node.</summary>
    public required NodeId NodeId { get; init; }

    /// <summary>The client handle returned with every notification of this item (unique within the subscription).</summary>
    public required uint ClientHandle { get; init; }

    /// <summary>The attribute (default Value).</summary>
    public uint AttributeId { get; init; } = AttributeIds.Value;

    /// <summary>An index range for array values, or null.</summary>
    public string? IndexRange { get; init; }

    /// <summary>Sampling interval in milliseconds; -1 uses the publishing interval, 0 the fastest the server supports.</summary>
    public double SamplingInterval { get; init; } = -1;

    /// <summary>Notifications the server keeps between publishes (1 = only the latest).</summary>
    public uint QueueSize { get; init; } = 10;

    /// <summary>Drop the oldest queued notification when the queue overflows.</summary>
    public bool DiscardOldest { get; init; } = true;

    /// <summary>What counts as a change.</summary>
    public DataChangeTrigger Trigger { get; init; } = DataChangeTrigger.StatusValue;

    /// <summary>The deadband type.</summary>
    public DeadbandType DeadbandType { get; init; } = DeadbandType.None;

    /// <summary>The deadband: engineering units for Absolute, percent of the EURange for Percent.</summary>
    public double DeadbandValue { get; init; }

    /// <summary>The monitoring mode (Reporting by default).</summary>
    public MonitoringMode MonitoringMode { get; init; } = MonitoringMode.Reporting;

    /// <summary>The request structure for CreateMonitoredItems.</summary>
    public MonitoredItemCreateRequest ToCreateRequest()
    {
        ExtensionObject? filter = null;
        if (DeadbandType != DeadbandType.None || Trigger != DataChangeTrigger.StatusValue)
        {
            filter = new ExtensionObject(new DataChangeFilter { Trigger = Trigger, DeadbandType = (uint)DeadbandType, DeadbandValue = DeadbandValue });
        }

        return new MonitoredItemCreateRequest
        {
            ItemToMonitor = new ReadValueId { NodeId = NodeId, AttributeId = AttributeId, IndexRange = IndexRange },
            MonitoringMode = MonitoringMode,
            RequestedParameters = new MonitoringParameters
            {
                ClientHandle = ClientHandle,
                SamplingInterval = SamplingInterval,
                Filter = filter,
                QueueSize = QueueSize,
                DiscardOldest = DiscardOldest,
            },
        };
    }
}
