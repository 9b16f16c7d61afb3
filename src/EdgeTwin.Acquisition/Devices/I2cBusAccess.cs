using System.Device.I2c;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>Opens devices on the Linux I2C buses (/dev/i2c-N) with errors that say how to fix the set-up.</summary>
public static class I2cBusAccess
{
    /// <summary>The device file of a bus.</summary>
    public static string DevicePath(int bus) => $"/dev/i2c-{bus}";

    /// <summary>
    /// Throws <see cref="I2cBusUnavailableException"/> when the bus device file does not exist, naming the
    /// buses that do.
    /// </summary>
    public static void EnsureExists(int bus)
    {
        string path = DevicePath(bus);
        if (File.Exists(path))
        {
            return;
        }

        string[] present = Directory.Exists("/dev")
            ? [.. Directory.GetFiles("/dev", "i2c-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).OfType<string>()]
            : [];
        string others = present.Length == 0 ? "no I2C bus exists on this machine" : "present: " + string.Join(", ", present);
        throw new I2cBusUnavailableException(bus,
            $"I2C bus {bus}: {path} does not exist ({others}). Enable I2C (Raspberry Pi: dtparam=i2c_arm=on in " +
            "/boot/firmware/config.txt, or raspi-config nonint do_i2c 0, then reboot) or use a bus that exists");
    }

    /// <summary>Opens the device at <paramref name="address"/> on <paramref name="bus"/>.</summary>
    /// <exception cref="I2cBusUnavailableException">The bus is missing or not accessible.</exception>
    public static I2cDevice Open(int bus, int address)
    {
        EnsureExists(bus);
        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(bus, address));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new I2cBusUnavailableException(bus,
                $"I2C bus {bus}: cannot open {DevicePath(bus)}: {ex.Message} (the user needs group i2c: sudo usermod -aG i2c $USER)", ex);
        }
    }
}
