using Microsoft.Extensions.Logging;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>Log messages of the I2C and GPIO loops: state changes only, nothing per cycle.</summary>
internal static partial class SensorSourceLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Sensor device {Device} is failing: {Reason}; retrying in {Delay}")]
    public static partial void Failing(ILogger logger, string device, string? reason, TimeSpan delay);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Sensor device {Device} is back after {Attempts} failed attempt(s)")]
    public static partial void Recovered(ILogger logger, string device, int attempts);
}
