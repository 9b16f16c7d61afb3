using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tools;

/// <summary>Outcome of probing one unit id.</summary>
/// <param name="Unit">The unit id.</param>
/// <param name="Responded">True when the unit answered (normally or with an exception).</param>
/// <param name="Exception">The exception code, when the unit answered with one (it exists, but refused the probe).</param>
/// <param name="Elapsed">Time until the answer or the timeout.</param>
public readonly record struct ModbusScanResult(byte Unit, bool Responded, ModbusExceptionCode? Exception, TimeSpan Elapsed);
