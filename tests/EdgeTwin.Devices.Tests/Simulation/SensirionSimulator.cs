using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.Tests.Simulation;

/// <summary>
/// Shared behaviour of the simulated Sensirion sensors: a command starts an operation, reads NACK while it is
/// busy (no clock stretching) and return the response words each followed by its CRC; the CRC can be corrupted.
/// </summary>
public abstract class SensirionSimulator(int address) : SimulatedI2cDevice(address)
{
    private byte[]? _response;
    private int _busyReadsLeft;

    /// <summary>How many reads NACK after a measurement command before the result is ready.</summary>
    public int BusyReads { get; set; } = 1;

    /// <summary>The measurement never completes.</summary>
    public bool StuckBusy { get; set; }

    /// <summary>Flip the CRC byte of this response word (0-based), or -1 for none.</summary>
    public int CorruptWord { get; set; } = -1;

    /// <summary>Commands received, in order.</summary>
    public List<int> Commands { get; } = [];

    protected override void OnRead(Span<byte> buffer)
    {
        if (_response is null || StuckBusy || _busyReadsLeft-- > 0)
        {
            throw NackException();
        }

        _response.AsSpan(0, Math.Min(buffer.Length, _response.Length)).CopyTo(buffer);
        _response = null;
    }

    /// <summary>Prepares the response to the current command.</summary>
    protected void Respond(bool busy, params ushort[] words)
    {
        var response = new byte[words.Length * 3];
        for (int i = 0; i < words.Length; i++)
        {
            response[i * 3] = (byte)(words[i] >> 8);
            response[(i * 3) + 1] = (byte)words[i];
            byte crc = SensirionCrc8.Compute(response.AsSpan(i * 3, 2));
            response[(i * 3) + 2] = i == CorruptWord ? (byte)~crc : crc;
        }

        _response = response;
        _busyReadsLeft = busy ? BusyReads : 0;
    }

    protected void ClearResponse() => _response = null;
}
