using System.Diagnostics.CodeAnalysis;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Errors;

/// <summary>Throw helpers, so hot methods stay small and inlinable.</summary>
internal static class ModbusThrow
{
    [DoesNotReturn]
    public static void Protocol(string message) => throw new ModbusProtocolException(message);

    [DoesNotReturn]
    public static void Exception(ModbusFunctionCode function, ModbusExceptionCode code) => throw new ModbusException(function, code);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentOutOfRangeException(paramName, message);
}
