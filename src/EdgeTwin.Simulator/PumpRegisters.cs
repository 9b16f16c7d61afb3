namespace EdgeTwin.Simulator;

/// <summary>The demo pump's Modbus register map (unit 1), documented in README.md and used by config/demo.yaml.</summary>
public static class PumpRegisters
{
    /// <summary>Holding 0-1: discharge pressure, float32 ABCD, bar.</summary>
    public const ushort Pressure = 0;

    /// <summary>Holding 2-3: motor temperature, float32 ABCD, °C.</summary>
    public const ushort Temperature = 2;

    /// <summary>Holding 4-5: vibration velocity, float32 CDAB (word-swapped, like many drives), mm/s.</summary>
    public const ushort Vibration = 4;

    /// <summary>Holding 6-7: flow, float32 ABCD, m³/h.</summary>
    public const ushort Flow = 6;

    /// <summary>Holding 20: speed set-point, uint16, 0.1 % per count (writable).</summary>
    public const ushort SpeedSetpoint = 20;

    /// <summary>Input 10: motor current, uint16, 0.01 A per count.</summary>
    public const ushort Current = 10;

    /// <summary>Input 11: run hours, uint16.</summary>
    public const ushort RunHours = 11;

    /// <summary>Coil 0: running (writable).</summary>
    public const ushort Running = 0;

    /// <summary>Coil 1: cooling enabled (writable; false simulates a cooling failure: the fan never runs).</summary>
    public const ushort CoolingEnabled = 1;

    /// <summary>Coil 2: cooling fan running (switched by the pump's own thermostat).</summary>
    public const ushort Fan = 2;

    /// <summary>Discrete input 0: failed (trip).</summary>
    public const ushort Failed = 0;
}
