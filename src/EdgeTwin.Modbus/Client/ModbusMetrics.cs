using System.Diagnostics.Metrics;

namespace EdgeTwin.Modbus.Client;

/// <summary>The "EdgeTwin.Modbus" meter: client request outcomes across all connections.</summary>
public static class ModbusMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "EdgeTwin.Modbus";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("modbus.client.requests", description: "Requests sent");
    internal static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("modbus.client.timeouts", description: "Requests without an answer in time");
    internal static readonly Counter<long> Exceptions = Meter.CreateCounter<long>("modbus.client.exceptions", description: "Exception responses");
    internal static readonly Counter<long> TransportErrors = Meter.CreateCounter<long>("modbus.client.transport_errors", description: "Connection failures");
    internal static readonly Counter<long> Connects = Meter.CreateCounter<long>("modbus.client.connects", description: "Connections opened");
}
