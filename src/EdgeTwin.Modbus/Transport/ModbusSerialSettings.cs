using System.IO.Ports;

namespace EdgeTwin.Modbus.Transport;

/// <summary>Serial line settings of an RTU bus.</summary>
/// <param name="PortName">Device, e.g. /dev/ttyUSB0.</param>
/// <param name="BaudRate">Bits per second.</param>
/// <param name="Parity">Parity (Modbus' default is even; "none" needs two stop bits by the spec, but is common with one).</param>
/// <param name="DataBits">Data bits (8 for RTU).</param>
/// <param name="StopBits">Stop bits.</param>
public sealed record ModbusSerialSettings(string PortName, int BaudRate = 9600, Parity Parity = Parity.None, int DataBits = 8, StopBits StopBits = StopBits.One)
{
    /// <summary>Bits on the line per character: start + data + parity + stop.</summary>
    public double BitsPerCharacter => 1 + DataBits + (Parity == Parity.None ? 0 : 1) + StopBits switch
    {
        StopBits.Two => 2.0,
        StopBits.OnePointFive => 1.5,
        _ => 1.0,
    };

    /// <summary>Time one character takes on the line.</summary>
    public TimeSpan CharacterTime => TimeSpan.FromSeconds(BitsPerCharacter / BaudRate);

    /// <summary>
    /// The silence that separates frames: 3.5 character times, fixed at 1.75 ms above 19200 baud
    /// (Modbus over serial line V1.02 §2.5.1.1).
    /// </summary>
    public TimeSpan InterFrameSilence => BaudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : CharacterTime * 3.5;

    /// <summary>Time <paramref name="bytes"/> take on the line.</summary>
    public TimeSpan TransmitTime(int bytes) => CharacterTime * bytes;

    /// <summary>"/dev/ttyUSB0 19200 8E1".</summary>
    public override string ToString()
    {
        var parity = Parity switch { Parity.Even => 'E', Parity.Odd => 'O', Parity.Mark => 'M', Parity.Space => 'S', _ => 'N' };
        var stop = StopBits switch { StopBits.Two => "2", StopBits.OnePointFive => "1.5", _ => "1" };
        return $"{PortName} {BaudRate} {DataBits}{parity}{stop}";
    }
}
