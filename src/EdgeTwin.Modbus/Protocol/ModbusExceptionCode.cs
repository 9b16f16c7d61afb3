namespace EdgeTwin.Modbus.Protocol;

/// <summary>Exception codes of an exception response (Modbus Application Protocol V1.1b3 §7).</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>Not an exception: the request succeeded (used by data stores and handlers).</summary>
    None = 0,

    /// <summary>01: the function code is not supported.</summary>
    IllegalFunction = 1,

    /// <summary>02: the address (or address + quantity) is not valid on the device.</summary>
    IllegalDataAddress = 2,

    /// <summary>03: a value in the request is not allowed (e.g. a quantity out of range).</summary>
    IllegalDataValue = 3,

    /// <summary>04: an unrecoverable error occurred in the device.</summary>
    ServerDeviceFailure = 4,

    /// <summary>05: accepted, but processing takes long; poll later.</summary>
    Acknowledge = 5,

    /// <summary>06: the device is busy with a long command.</summary>
    ServerDeviceBusy = 6,

    /// <summary>07: the device cannot perform the program function (legacy).</summary>
    NegativeAcknowledge = 7,

    /// <summary>08: parity error in extended memory.</summary>
    MemoryParityError = 8,

    /// <summary>0A: a gateway has no path to the target.</summary>
    GatewayPathUnavailable = 10,

    /// <summary>0B: a gateway got no response from the target device.</summary>
    GatewayTargetFailedToRespond = 11,
}
