namespace EdgeTwin.Simulator;

/// <summary>
/// A centrifugal pump driven by an induction motor, with a cooled motor housing and a bearing that wears out.
/// Affinity laws give flow ~ speed, head ~ speed², shaft power ~ speed³; the motor heats with I² and is cooled by a
/// fan; wear lowers hydraulic efficiency and raises vibration and current until the pump fails (wear = 1).
/// </summary>
public sealed class PumpModel
{
    /// <summary>Ambient temperature (°C).</summary>
    public const double Ambient = 25.0;

    /// <summary>Rated discharge pressure at full speed, new pump (bar).</summary>
    public const double RatedPressure = 6.0;

    /// <summary>Rated flow at full speed (m³/h).</summary>
    public const double RatedFlow = 40.0;

    /// <summary>Current at no load (A).</summary>
    public const double IdleCurrent = 4.0;

    /// <summary>Additional current at full speed, new pump (A).</summary>
    public const double LoadCurrent = 16.0;

    /// <summary>Motor trip temperature (°C) used by the demo's alarm.</summary>
    public const double TripTemperature = 95.0;

    private readonly Random _noise;
    private readonly double _lifetimeSeconds;

    /// <summary>Creates a pump that fails after <paramref name="lifetime"/> of running (seeded noise).</summary>
    public PumpModel(TimeSpan lifetime, int seed = 1, double initialWear = 0.0)
    {
        _lifetimeSeconds = lifetime.TotalSeconds;
        _noise = new Random(seed);
        Wear = initialWear;
        Temperature = Ambient + 20;
    }

    /// <summary>Speed set-point, 0..100 %.</summary>
    public double SpeedSetpoint { get; set; } = 80;

    /// <summary>Motor running.</summary>
    public bool Running { get; set; } = true;

    /// <summary>Cooling enabled; false simulates a cooling failure (the fan never runs).</summary>
    public bool CoolingEnabled { get; set; } = true;

    /// <summary>Cooling fan running (switched by the thermostat: on above 48 °C, off below 42 °C).</summary>
    public bool Cooling { get; private set; } = true;

    /// <summary>Bearing/impeller wear 0 (new) .. 1 (failed).</summary>
    public double Wear { get; private set; }

    /// <summary>Motor housing temperature (°C).</summary>
    public double Temperature { get; private set; }

    /// <summary>Discharge pressure (bar).</summary>
    public double Pressure { get; private set; }

    /// <summary>Flow (m³/h).</summary>
    public double Flow { get; private set; }

    /// <summary>Motor current (A).</summary>
    public double Current { get; private set; }

    /// <summary>Bearing vibration velocity RMS (mm/s).</summary>
    public double Vibration { get; private set; }

    /// <summary>True once the pump has failed (wear reached 1).</summary>
    public bool Failed => Wear >= 1.0;

    /// <summary>Remaining useful life at the current wear rate, for checking predictions (s).</summary>
    public double TrueRemainingSeconds => Math.Max(0, (1 - Wear) * _lifetimeSeconds);

    /// <summary>Advances the physics by <paramref name="dt"/>.</summary>
    public void Step(TimeSpan dt)
    {
        var seconds = dt.TotalSeconds;
        var running = Running && !Failed;
        var speed = running ? Math.Clamp(SpeedSetpoint, 0, 100) / 100.0 : 0.0;
        if (running && _lifetimeSeconds > 0)
        {
            // Wear grows faster at high speed and when hot.
            var stress = 0.5 + 0.5 * speed * speed + Math.Max(0, Temperature - 80) / 40.0;
            Wear = Math.Min(1.0, Wear + seconds / _lifetimeSeconds * stress / 0.82);
        }

        var efficiency = 1.0 - 0.25 * Wear * Wear;
        Flow = Math.Max(0, RatedFlow * speed * efficiency + Gauss(0.3 * speed));
        Pressure = Math.Max(0, RatedPressure * speed * speed * efficiency + Gauss(0.04));
        Current = running ? IdleCurrent + LoadCurrent * speed * speed * speed * (1 + 0.6 * Wear * Wear) + Gauss(0.15) : Math.Abs(Gauss(0.02));
        Vibration = running ? Math.Max(0.1, 0.8 + 2.0 * speed + 9.0 * Math.Pow(Wear, 3) + Gauss(0.12 + 0.3 * Wear)) : Math.Abs(Gauss(0.05));

        // First-order thermal model: heating ~ I², cooling ~ (T - ambient), the fan six times stronger than free
        // convection; a thermostat switches the fan, so normal operation cycles between about 42 and 48 °C.
        const double capacity = 900.0;
        Cooling = CoolingEnabled && (Cooling ? Temperature > 42 : Temperature > 48);
        var heating = 0.9 * Current * Current;
        var conductance = Cooling ? 9.0 : 1.5;
        Temperature += seconds * (heating - conductance * (Temperature - Ambient)) / capacity;
        Temperature += Gauss(0.02);
    }

    private double Gauss(double sigma)
    {
        // Box-Muller.
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
