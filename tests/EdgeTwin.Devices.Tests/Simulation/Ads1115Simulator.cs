using EdgeTwin.Devices.Ads1x15;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// An ADS1115: config register with reset value 0x8583, single-shot conversions started by OS=1 (OS reads 0 for a
/// number of config reads), the multiplexer and PGA applied to the simulated input voltages, output codes clipped
/// to 0x8000..0x7FFF as in datasheet table 3.
/// </summary>
public sealed class Ads1115Simulator : SimulatedWordRegisterDevice
{
    private int _convertingReadsLeft;
    private bool _converting;

    public Ads1115Simulator(int address = Ads1115.DefaultAddress)
        : base(address, 4)
    {
        Registers[1] = Ads1115.ConfigResetValue;
        Registers[2] = 0x8000;
        Registers[3] = 0x7FFF;
    }

    /// <summary>Voltages on AIN0..AIN3 against GND.</summary>
    public double[] Inputs { get; } = new double[4];

    /// <summary>How many config reads show OS=0 after a conversion starts.</summary>
    public int ConvertingReads { get; set; } = 1;

    /// <summary>The conversion never completes.</summary>
    public bool StuckBusy { get; set; }

    /// <summary>Conversions started.</summary>
    public int Conversions { get; private set; }

    /// <summary>The config register as last written (OS bit as written).</summary>
    public ushort LastWrittenConfig { get; private set; }

    /// <summary>The code the chip produces for a voltage at a gain: round(V / FSR × 2¹⁵), clipped.</summary>
    public static short Code(double volts, Ads1115Gain gain) =>
        (short)Math.Clamp(Math.Round(volts / Ads1115.FullScaleVolts(gain) * 32768.0), short.MinValue, short.MaxValue);

    protected override void WriteRegister(byte register, ushort value)
    {
        if (register == 1)
        {
            LastWrittenConfig = value;
            Registers[1] = (ushort)(value & 0x7FFF);
            if ((value & 0x8000) != 0)
            {
                Conversions++;
                _converting = true;
                _convertingReadsLeft = ConvertingReads;
            }
        }
        else if (register != 0)
        {
            Registers[register] = value;
        }
    }

    protected override ushort ReadRegister(byte register)
    {
        if (register != 1)
        {
            return Registers[register];
        }

        if (_converting && !StuckBusy && _convertingReadsLeft-- <= 0)
        {
            Convert();
        }

        return (ushort)(Registers[1] | (_converting ? 0 : 0x8000));
    }

    private void Convert()
    {
        _converting = false;
        int mux = (Registers[1] >> 12) & 0x07;
        var gain = (Ads1115Gain)Math.Min((Registers[1] >> 9) & 0x07, 5);
        double volts = mux switch
        {
            0 => Inputs[0] - Inputs[1],
            1 => Inputs[0] - Inputs[3],
            2 => Inputs[1] - Inputs[3],
            3 => Inputs[2] - Inputs[3],
            _ => Inputs[mux - 4],
        };
        Registers[0] = (ushort)Code(volts, gain);
    }
}
