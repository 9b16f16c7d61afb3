using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace EdgeTwin.Acquisition.Devices;

/// <summary>Opens a <see cref="GpioController"/> on a Linux GPIO character device (/dev/gpiochipN) through libgpiod.</summary>
public static class GpioChipAccess
{
    /// <summary>The device file of a chip.</summary>
    public static string DevicePath(int chip) => $"/dev/gpiochip{chip}";

    /// <summary>
    /// Opens chip <paramref name="chip"/> with the libgpiod v2 driver, falling back to v1 (Raspberry Pi OS
    /// Bookworm ships libgpiod 1.6, newer releases 2.x).
    /// </summary>
    /// <exception cref="GpioUnavailableException">The chip is missing or libgpiod cannot open it.</exception>
    public static GpioController Open(int chip)
    {
        string path = DevicePath(chip);
        if (!File.Exists(path))
        {
            string[] present = Directory.Exists("/dev")
                ? [.. Directory.GetFiles("/dev", "gpiochip*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : [];
            throw new GpioUnavailableException(chip,
                $"GPIO chip {chip}: {path} does not exist ({(present.Length == 0 ? "no GPIO chip on this machine" : "present: " + string.Join(", ", present))})");
        }

        Exception v2Error;
        try
        {
            return new GpioController(new LibGpiodV2Driver(chip));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            v2Error = ex;
        }

        try
        {
            return new GpioController(new LibGpiodDriver(chip));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new GpioUnavailableException(chip,
                $"GPIO chip {chip}: cannot open {path} through libgpiod (v2: {v2Error.Message}; v1: {ex.Message}). " +
                "Install libgpiod (apt install libgpiod2, or libgpiod3 on newer releases) and give the user group gpio.", ex);
        }
    }
}
