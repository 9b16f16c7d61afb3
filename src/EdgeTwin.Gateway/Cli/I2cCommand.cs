using System.CommandLine;
using System.CommandLine.Parsing;
using System.Device.I2c;
using System.Globalization;
using EdgeTwin.Acquisition.Devices;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Sensors;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// <c>edgetwin i2c scan --bus 1</c> lists the responding addresses and the chips recognised there;
/// <c>edgetwin i2c read --bus 1 --address 0x76 --chip bme280</c> prints one reading with units. Both run
/// without a configuration, for wiring checks at the cabinet.
/// </summary>
public static class I2cCommand
{
    /// <summary>Exit code when the bus cannot be opened or the device fails.</summary>
    public const int DeviceErrorExit = 1;

    /// <summary>Exit code for invalid settings.</summary>
    public const int UsageErrorExit = 2;

    /// <summary>Creates <c>i2c</c> with its subcommands.</summary>
    /// <param name="open">Opens (bus, address); defaults to /dev/i2c-N. Tests pass simulated devices.</param>
    public static Command Create(Func<int, int, I2cDevice>? open = null)
    {
        open ??= I2cBusAccess.Open;
        var command = new Command("i2c", "Check I2C sensors wired to this machine (scan a bus, read one chip)");
        command.Subcommands.Add(Scan(open));
        command.Subcommands.Add(Read(open));
        return command;
    }

    private static Option<int> BusOption() => new("--bus", "-b")
    {
        Description = "I2C bus number (the N of /dev/i2c-N)",
        DefaultValueFactory = _ => 1,
    };

    private static Command Scan(Func<int, int, I2cDevice> open)
    {
        var bus = BusOption();
        var command = new Command("scan", "List the responding addresses of a bus and the chips recognised there") { bus };
        command.SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            int busId = parse.GetValue(bus);
            IReadOnlyList<I2cScanResult> found;
            try
            {
                found = await new I2cBusScanner(address => open(busId, address)).ScanAsync(ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return Fail(parse, "scan", ex.Message);
            }

            output.WriteLine(found.Count == 0
                ? $"I2C bus {busId}: no device answered (check wiring, power and pull-ups)"
                : $"I2C bus {busId}: {found.Count} device{(found.Count == 1 ? string.Empty : "s")}");
            foreach (I2cScanResult result in found)
            {
                string chip = result.Chip switch
                {
                    null => "unknown (responds; no known id)",
                    I2cChip.Bmp280 => "bmp280 (recognised; no driver)",
                    { } known => I2cSensorCatalog.NameOf(known),
                };
                output.WriteLine($"  0x{result.Address:X2}  {chip}");
            }

            return 0;
        });
        return command;
    }

    private static Command Read(Func<int, int, I2cDevice> open)
    {
        var bus = BusOption();
        var address = new Option<int>("--address", "-a")
        {
            Description = "7-bit device address, hex (0x76) or decimal",
            Required = true,
            CustomParser = ParseAddress,
        };
        string[] chips = [.. I2cSensorCatalog.ChipNames.Where(c => c != I2cSensorCatalog.GenericChip)];
        var chip = new Option<string>("--chip", "-c") { Description = "Chip: " + string.Join(", ", chips), Required = true };
        chip.AcceptOnlyFromAmong(chips);
        var settings = new Option<string[]>("--set")
        {
            Description = "A chip setting as in the configuration, e.g. --set gain=2.048 (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("read", "Read one measurement of a chip and print it with units") { bus, address, chip, settings };
        command.SetAction(async (parse, ct) =>
        {
            int busId = parse.GetValue(bus);
            int addr = parse.GetValue(address);
            string chipName = parse.GetRequiredValue(chip);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(settings) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Fail(parse, "read", $"--set '{pair}': expected key=value, e.g. gain=2.048", UsageErrorExit);
                }

                map[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
            }

            var errors = new List<SensorConfigError>();
            I2cDriverOptions options = I2cDriverOptions.Parse(chipName, map, errors);
            if (errors.Count > 0)
            {
                return Fail(parse, "read", string.Join("; ", errors), UsageErrorExit);
            }

            try
            {
                using I2cDevice device = open(busId, addr);
                II2cSensor sensor = options.CreateSensor(device)!;
                IReadOnlyList<SensorValue> values = await sensor.ReadValuesAsync(ct).ConfigureAwait(false);
                Print(parse.InvocationConfiguration.Output, busId, addr, chipName, values);
                return 0;
            }
            catch (Exception ex) when (ex is IOException or I2cDeviceException)
            {
                return Fail(parse, "read", ex.Message);
            }
        });
        return command;
    }

    private static void Print(TextWriter output, int bus, int address, string chip, IReadOnlyList<SensorValue> values)
    {
        output.WriteLine($"I2C bus {bus}, address 0x{address:X2}, {chip.ToLowerInvariant()}:");
        int width = values.Max(v => v.Quantity.Length);
        foreach (SensorValue value in values)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Quantity.PadRight(width)}  {value.Value,12:0.#####} {value.Unit}"));
        }
    }

    private static int ParseAddress(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            && value is >= I2cBusScanner.FirstAddress and <= I2cBusScanner.LastAddress)
        {
            return value;
        }

        result.AddError($"--address: '{text}' is not a 7-bit address 0x03..0x77 (e.g. 0x76)");
        return 0;
    }

    private static int Fail(ParseResult parse, string verb, string message, int exitCode = DeviceErrorExit)
    {
        parse.InvocationConfiguration.Error.WriteLine($"edgetwin i2c {verb}: {message}");
        return exitCode;
    }
}
