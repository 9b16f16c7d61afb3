using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.Modbus;

/// <summary>Log messages of Modbus device loops (state changes only; nothing per cycle).</summary>
internal static class ModbusSourceLog
{
    public static readonly Action<ILogger, string, string, TimeSpan, Exception?> Offline =
        LoggerMessage.Define<string, string, TimeSpan>(LogLevel.Warning, new EventId(3001, "ModbusOffline"),
            "Modbus device {Device} is offline: {Reason}; retrying in {Delay}");

    public static readonly Action<ILogger, string, int, Exception?> Online =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(3002, "ModbusOnline"),
            "Modbus device {Device} is online after {Attempts} failed attempt(s)");

    public static readonly Action<ILogger, string, string, string, Exception?> Isolated =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(3003, "ModbusPointIsolated"),
            "Modbus device {Device}: point {Point} is read alone: {Reason}");

    public static readonly Action<ILogger, string, string, Exception?> Split =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(3004, "ModbusBlockSplit"),
            "Modbus device {Device}: the read of {Range} is split; its parts read fine on their own");

    public static readonly Action<ILogger, string, Exception?> CycleFailed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(3005, "ModbusCycleFailed"),
            "Modbus device {Device}: poll cycle failed unexpectedly; backing off");

    public static readonly Action<ILogger, string, int, Exception?> Replanned =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(3006, "ModbusReplanned"),
            "Modbus device {Device}: re-planned reads after isolation ({Blocks} blocks)");
}
