using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>Log messages of OPC UA device loops (state changes only; nothing per notification).</summary>
internal static class OpcUaSourceLog
{
    public static readonly Action<ILogger, string, string, Exception?> Offline =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(3101, "OpcUaOffline"),
            "OPC UA device {Device} is offline: {Reason}; reconnecting");

    public static readonly Action<ILogger, string, string, Exception?> Online =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(3102, "OpcUaOnline"),
            "OPC UA device {Device} is online ({Detail})");

    public static readonly Action<ILogger, string, string, string, Exception?> ItemRejected =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(3103, "OpcUaItemRejected"),
            "OPC UA device {Device}: point {Point} cannot be monitored: {Status}");

    public static readonly Action<ILogger, string, Exception?> LoopFailed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(3104, "OpcUaLoopFailed"),
            "OPC UA device {Device}: acquisition step failed unexpectedly; retrying");

    public static readonly Action<ILogger, string, string, Exception?> CertificateRejected =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(3105, "OpcUaCertificateRejected"),
            "OPC UA device {Device}: {Reason}");
}
