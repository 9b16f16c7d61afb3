using EdgeTwin.Devices.Bmx280;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// A BME280 register map: chip id, calibration NVM laid out as in datasheet table 16, soft reset with im_update,
/// ctrl_hum latched by the ctrl_meas write, forced mode (measuring bit for a number of status reads, then the
/// raw values appear and the mode returns to sleep), normal mode, and skipped measurements (0x80000 / 0x8000).
/// </summary>
public sealed class Bme280Simulator : SimulatedRegisterDevice
{
    private int _measuringReadsLeft;
    private int _imUpdateReadsLeft;
    private byte _latchedHumidityOversampling;

    public Bme280Simulator(Bme280Calibration calibration, int address = Bme280.PrimaryAddress, byte chipId = Bme280.ChipId)
        : base(address)
    {
        Registers[0xD0] = chipId;
        WriteCalibration(calibration);
        ResetState();
    }

    /// <summary>Raw 20-bit temperature the next measurement produces.</summary>
    public int RawTemperature { get; set; }

    /// <summary>Raw 20-bit pressure the next measurement produces.</summary>
    public int RawPressure { get; set; }

    /// <summary>Raw 16-bit humidity the next measurement produces.</summary>
    public int RawHumidity { get; set; }

    /// <summary>How many status reads see the measuring bit after a forced trigger.</summary>
    public int MeasuringStatusReads { get; set; } = 1;

    /// <summary>The measuring bit never clears.</summary>
    public bool StuckBusy { get; set; }

    /// <summary>Number of forced measurements triggered.</summary>
    public int ForcedMeasurements { get; private set; }

    /// <summary>Number of soft resets received.</summary>
    public int Resets { get; private set; }

    public byte ControlHumidity => Registers[0xF2];

    public byte ControlMeasurement => Registers[0xF4];

    public byte Config => Registers[0xF5];

    protected override void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case 0xE0:
                if (value == 0xB6)
                {
                    Resets++;
                    ResetState();
                }

                break;
            case 0xF2:
                Registers[0xF2] = (byte)(value & 0x07);
                break;
            case 0xF4:
                Registers[0xF4] = value;
                _latchedHumidityOversampling = Registers[0xF2];
                int mode = value & 0x03;
                if (mode is 1 or 2)
                {
                    ForcedMeasurements++;
                    _measuringReadsLeft = MeasuringStatusReads;
                    if (_measuringReadsLeft == 0 && !StuckBusy)
                    {
                        CompleteMeasurement();
                    }
                }
                else if (mode == 3)
                {
                    CompleteMeasurement();
                }

                break;
            case 0xF5:
                Registers[0xF5] = value;
                break;
            default:
                break; // calibration, id and data registers are read-only
        }
    }

    protected override byte ReadRegister(byte register)
    {
        if (register == 0xF3)
        {
            byte status = 0;
            if (StuckBusy || _measuringReadsLeft > 0)
            {
                status |= 0x08;
            }

            if (_imUpdateReadsLeft > 0)
            {
                status |= 0x01;
                _imUpdateReadsLeft--;
            }

            if (!StuckBusy && _measuringReadsLeft > 0 && --_measuringReadsLeft == 0)
            {
                CompleteMeasurement();
            }

            return status;
        }

        return Registers[register];
    }

    private void CompleteMeasurement()
    {
        int osrsT = Registers[0xF4] >> 5;
        int osrsP = (Registers[0xF4] >> 2) & 0x07;
        SetTwenty(0xFA, osrsT == 0 ? 0x80000 : RawTemperature);
        SetTwenty(0xF7, osrsP == 0 ? 0x80000 : RawPressure);
        int h = _latchedHumidityOversampling == 0 ? 0x8000 : RawHumidity;
        Registers[0xFD] = (byte)(h >> 8);
        Registers[0xFE] = (byte)h;
        if ((Registers[0xF4] & 0x03) is 1 or 2)
        {
            Registers[0xF4] &= 0xFC; // forced mode returns to sleep
        }
    }

    private void ResetState()
    {
        Registers[0xF2] = 0;
        Registers[0xF4] = 0;
        Registers[0xF5] = 0;
        _latchedHumidityOversampling = 0;
        _measuringReadsLeft = 0;
        _imUpdateReadsLeft = 1;
        SetTwenty(0xF7, 0x80000);
        SetTwenty(0xFA, 0x80000);
        Registers[0xFD] = 0x80;
        Registers[0xFE] = 0x00;
    }

    private void SetTwenty(int msb, int raw)
    {
        Registers[msb] = (byte)(raw >> 12);
        Registers[msb + 1] = (byte)(raw >> 4);
        Registers[msb + 2] = (byte)((raw & 0x0F) << 4);
    }

    private void WriteCalibration(Bme280Calibration c)
    {
        int i = 0x88;
        foreach (int word in new int[] { c.DigT1, c.DigT2, c.DigT3, c.DigP1, c.DigP2, c.DigP3, c.DigP4, c.DigP5, c.DigP6, c.DigP7, c.DigP8, c.DigP9 })
        {
            Registers[i++] = (byte)word;
            Registers[i++] = (byte)(word >> 8);
        }

        Registers[0xA1] = c.DigH1;
        Registers[0xE1] = (byte)c.DigH2;
        Registers[0xE2] = (byte)(c.DigH2 >> 8);
        Registers[0xE3] = c.DigH3;
        Registers[0xE4] = (byte)(c.DigH4 >> 4);
        Registers[0xE5] = (byte)((c.DigH4 & 0x0F) | ((c.DigH5 & 0x0F) << 4));
        Registers[0xE6] = (byte)(c.DigH5 >> 4);
        Registers[0xE7] = (byte)c.DigH6;
    }
}
