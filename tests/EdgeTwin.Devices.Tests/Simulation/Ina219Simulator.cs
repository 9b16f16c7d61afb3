using EdgeTwin.Devices.Ina2xx;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// An INA219: configuration with reset bit and default 0x399F, calibration (bit 0 ignored), and the power engine
/// of datasheet section 8.5.1: Current = Shunt × Cal / 4096, Power = Current × Bus / 5000; CNVR set by conversions
/// and cleared by reading the power register or writing the configuration; OVF when current or power overflow.
/// </summary>
public sealed class Ina219Simulator : SimulatedWordRegisterDevice
{
    private bool _conversionReady;
    private int _triggeredReadsLeft;
    private bool _converting;

    public Ina219Simulator(int address = Ina219.DefaultAddress)
        : base(address, 6)
    {
        Registers[0] = Ina219.ConfigurationResetValue;
    }

    /// <summary>The shunt voltage register the ADC produces (10 µV per bit, signed).</summary>
    public short ShuntRegister { get; set; }

    /// <summary>The bus voltage in 4 mV steps (the BD field, bits 15:3).</summary>
    public ushort BusSteps { get; set; }

    /// <summary>How many bus register reads show CNVR=0 after a triggered conversion starts.</summary>
    public int TriggeredReads { get; set; } = 1;

    /// <summary>A triggered conversion never completes.</summary>
    public bool StuckBusy { get; set; }

    public ushort Configuration => Registers[0];

    public ushort Calibration => Registers[5];

    /// <summary>Simulates a power cycle: all registers to their reset values.</summary>
    public void PowerCycle()
    {
        Array.Clear(Registers);
        Registers[0] = Ina219.ConfigurationResetValue;
    }

    protected override void WriteRegister(byte register, ushort value)
    {
        switch (register)
        {
            case 0:
                if ((value & 0x8000) != 0)
                {
                    PowerCycle();
                    return;
                }

                Registers[0] = value;
                _conversionReady = false;
                int mode = value & 0x07;
                _converting = mode is >= 1 and <= 3;
                _triggeredReadsLeft = TriggeredReads;
                break;
            case 5:
                Registers[5] = (ushort)(value & 0xFFFE);
                break;
            default:
                break; // data registers are read-only
        }
    }

    protected override ushort ReadRegister(byte register)
    {
        int mode = Registers[0] & 0x07;
        bool continuous = mode is >= 5;
        switch (register)
        {
            case 1:
                return (ushort)ShuntRegister;
            case 2:
                if (continuous)
                {
                    _conversionReady = true;
                }
                else if (_converting && !StuckBusy && _triggeredReadsLeft-- <= 0)
                {
                    _converting = false;
                    _conversionReady = true;
                }

                (_, _, bool overflow) = Engine();
                return (ushort)((BusSteps << 3) | (_conversionReady ? 0x02 : 0) | (overflow ? 0x01 : 0));
            case 3:
                _conversionReady = false;
                return (ushort)Engine().Power;
            case 4:
                return (ushort)Engine().Current;
            default:
                return Registers[register];
        }
    }

    private (long Current, long Power, bool Overflow) Engine()
    {
        long current = (long)ShuntRegister * Calibration / 4096;
        long power = Math.Abs(current) * BusSteps / 5000;
        bool overflow = current is > short.MaxValue or < short.MinValue || power > ushort.MaxValue;
        return (Math.Clamp(current, short.MinValue, short.MaxValue), Math.Min(power, ushort.MaxValue), overflow);
    }
}
