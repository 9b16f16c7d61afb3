using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>An SHT3x: two-byte commands, single-shot measurements, status register with reset flag.</summary>
public sealed class Sht3xSimulator(int address = Sht3x.DefaultAddress) : SensirionSimulator(address)
{
    public ushort RawTemperature { get; set; }

    public ushort RawHumidity { get; set; }

    /// <summary>The status register; bit 4 (reset detected) is set at power-on and by soft reset.</summary>
    public ushort Status { get; set; } = 0x0010;

    public bool HeaterOn => (Status & 0x2000) != 0;

    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length != 2)
        {
            ClearResponse(); // not a command of this chip: nothing to read afterwards
            return;
        }

        int command = (buffer[0] << 8) | buffer[1];
        Commands.Add(command);
        switch ((Sht3xCommand)command)
        {
            case Sht3xCommand.SingleShotHigh or Sht3xCommand.SingleShotMedium or Sht3xCommand.SingleShotLow:
                Respond(busy: true, RawTemperature, RawHumidity);
                break;
            case Sht3xCommand.ReadStatus:
                Respond(busy: false, Status);
                break;
            case Sht3xCommand.ClearStatus:
                Status &= unchecked((ushort)~0x8C10);
                ClearResponse();
                break;
            case Sht3xCommand.SoftReset:
                Status = 0x0010;
                ClearResponse();
                break;
            case Sht3xCommand.HeaterEnable:
                Status |= 0x2000;
                break;
            case Sht3xCommand.HeaterDisable:
                Status &= unchecked((ushort)~0x2000);
                break;
            default:
                Status |= 0x0002; // command not processed
                ClearResponse();
                break;
        }
    }
}
