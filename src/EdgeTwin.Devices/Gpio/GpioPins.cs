using System.Device.Gpio;

namespace EdgeTwin.Devices.Gpio;

/// <summary>Mapping helpers between our options and System.Device.Gpio.</summary>
internal static class GpioPins
{
    public static PinMode InputMode(GpioPull pull) => pull switch
    {
        GpioPull.None => PinMode.Input,
        GpioPull.Up => PinMode.InputPullUp,
        GpioPull.Down => PinMode.InputPullDown,
        _ => throw new ArgumentOutOfRangeException(nameof(pull), pull, "Unknown pull setting."),
    };

    public static void CheckPin(int pin)
    {
        if (pin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, "GPIO pin numbers are non-negative.");
        }
    }
}
