using System.Device.I2c;
using EdgeTwin.Devices.Ads1x15;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Shtxx;

namespace EdgeTwin.Devices.I2c;

/// <summary>
/// Probes the addresses 0x03..0x77 of one bus and recognises known chips by their id registers, or by power-on
/// register defaults where a chip has no id (ADS1115, INA219: a chip already configured by a driver is listed as
/// responding but unrecognised). Probing only reads, except the Sensirion status/serial commands, which change
/// nothing in the sensors.
/// </summary>
public sealed class I2cBusScanner
{
    /// <summary>First address probed (0x00..0x02 are reserved).</summary>
    public const int FirstAddress = 0x03;

    /// <summary>Last address probed (0x78..0x7F are reserved).</summary>
    public const int LastAddress = 0x77;

    private readonly Func<int, I2cDevice> _deviceFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a scanner.</summary>
    /// <param name="deviceFactory">
    /// Creates a device for an address on the bus to scan, for example
    /// <c>a =&gt; I2cDevice.Create(new I2cConnectionSettings(1, a))</c>; the scanner disposes each device.
    /// </param>
    /// <param name="timeProvider">Clock for the short waits of the Sensirion probes.</param>
    public I2cBusScanner(Func<int, I2cDevice> deviceFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(deviceFactory);
        _deviceFactory = deviceFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Scans the bus and lists the responding (or recognised) addresses in ascending order.</summary>
    public async Task<IReadOnlyList<I2cScanResult>> ScanAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<I2cScanResult>();
        for (int address = FirstAddress; address <= LastAddress; address++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using I2cDevice device = _deviceFactory(address);
            bool responds = Responds(device);
            I2cChip? chip = await IdentifyAsync(device, address, cancellationToken).ConfigureAwait(false);
            if (responds || chip is not null)
            {
                results.Add(new I2cScanResult(address, chip));
            }
        }

        return results;
    }

    /// <summary>Tries the recognisers that apply to <paramref name="address"/>; <see langword="null"/> if none matches.</summary>
    public async Task<I2cChip?> IdentifyAsync(I2cDevice device, int address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var io = new I2cRegisterIo(device);
        if (address is Bme280.PrimaryAddress or Bme280.SecondaryAddress)
        {
            I2cChip? bosch = TryRead(() => io.ReadByte((byte)Bme280Register.Id)) switch
            {
                Bme280.ChipId => I2cChip.Bme280,
                0x58 => I2cChip.Bmp280,
                _ => null,
            };
            if (bosch is not null)
            {
                return bosch;
            }
        }

        if (address is 0x44 or 0x45 && IsSht3x(io))
        {
            return I2cChip.Sht3x;
        }

        if (address is 0x44 or 0x45 or 0x46 && await IsSht4xAsync(io, cancellationToken).ConfigureAwait(false))
        {
            return I2cChip.Sht4x;
        }

        if (address is >= 0x48 and <= 0x4B && TryRead(() => io.ReadUInt16BigEndian((byte)Ads1115Register.Config)) == Ads1115.ConfigResetValue)
        {
            return I2cChip.Ads1115;
        }

        if (address is >= 0x40 and <= 0x4F && TryRead(() => io.ReadUInt16BigEndian((byte)Ina219Register.Configuration)) == Ina219.ConfigurationResetValue)
        {
            return I2cChip.Ina219;
        }

        return null;
    }

    private static bool Responds(I2cDevice device)
    {
        try
        {
            device.ReadByte();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? TryRead(Func<int> read)
    {
        try
        {
            return read();
        }
        catch (I2cDeviceException)
        {
            return null;
        }
    }

    private static bool IsSht3x(I2cRegisterIo io)
    {
        try
        {
            SensirionTransfer.WriteCommand(io, (int)Sht3xCommand.ReadStatus, 2);
            Span<byte> response = stackalloc byte[3];
            return io.TryReadRaw(response) && SensirionCrc8.Compute(response[..2]) == response[2];
        }
        catch (I2cDeviceException)
        {
            return false;
        }
    }

    private async Task<bool> IsSht4xAsync(I2cRegisterIo io, CancellationToken cancellationToken)
    {
        try
        {
            byte[] response = await SensirionTransfer.ExecuteAsync(
                io, (int)Sht4xCommand.ReadSerialNumber, 1, 6, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), _timeProvider, cancellationToken)
                .ConfigureAwait(false);
            return SensirionCrc8.Compute(response.AsSpan(0, 2)) == response[2] && SensirionCrc8.Compute(response.AsSpan(3, 2)) == response[5];
        }
        catch (I2cDeviceException)
        {
            return false;
        }
    }
}
