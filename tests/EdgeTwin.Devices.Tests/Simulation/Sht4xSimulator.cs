using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>An SHT4x: one-byte commands for the three precisions, serial number and soft reset.</summary>
public sealed class Sht4xSimulator(int address = Sht4x.DefaultAddress) : SensirionSimulator(address)
{
    public ushort RawTemperature { get; set; }

    public ushort RawHumidity { get; set; }

    public uint SerialNumber { get; set; } = 0x0F2B_4A71;

    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length != 1)
        {
            ClearResponse();
            return;
        }

        Commands.Add(buffer[0]);
        switch ((Sht4xCommand)buffer[0])
        {
            case Sht4xCommand.MeasureHighPrecision or Sht4xCommand.MeasureMediumPrecision or Sht4xCommand.MeasureLowPrecision:
                Respond(busy: true, RawTemperature, RawHumidity);
                break;
            case Sht4xCommand.ReadSerialNumber:
                Respond(busy: false, (ushort)(SerialNumber >> 16), (ushort)SerialNumber);
                break;
            default:
                ClearResponse();
                break;
        }
    }
}
