using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Errors;

/// <summary>The device answered with an exception response (function | 0x80, code).</summary>
public sealed class ModbusException : ModbusFaultException
{
    /// <summary>Creates the exception for <paramref name="function"/> answered with <paramref name="code"/>.</summary>
    public ModbusException(ModbusFunctionCode function, ModbusExceptionCode code)
        : base(Describe(function, code))
    {
        Function = function;
        Code = code;
    }

    /// <summary>The function the device refused.</summary>
    public ModbusFunctionCode Function { get; }

    /// <summary>The exception code.</summary>
    public ModbusExceptionCode Code { get; }

    /// <summary>"Modbus exception 2 (IllegalDataAddress)": the code and its name.</summary>
    public static string CodeText(ModbusExceptionCode code) =>
        Enum.IsDefined(code) ? $"Modbus exception {(byte)code} ({code})" : $"Modbus exception {(byte)code}";

    private static string Describe(ModbusFunctionCode function, ModbusExceptionCode code) =>
        $"{CodeText(code)} in answer to function {(byte)function} ({function}).";
}
