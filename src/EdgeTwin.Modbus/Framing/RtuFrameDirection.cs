namespace EdgeTwin.Modbus.Framing;

/// <summary>Which side's frames an <see cref="RtuFramer"/> reads: the length of an RTU frame depends on it.</summary>
public enum RtuFrameDirection
{
    /// <summary>Requests, as a server (slave) reads them.</summary>
    Requests,

    /// <summary>Responses, as a client (master) reads them.</summary>
    Responses,
}
