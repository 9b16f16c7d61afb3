using System.CommandLine;
using System.Device.I2c;
using EdgeTwin.Gateway.Cli;

namespace EdgeTwin.Gateway.Tests.Sensors;

public sealed class I2cCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(Func<int, int, I2cDevice>? open, params string[] args)
    {
        var root = new RootCommand { I2cCommand.Create(open) };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(["i2c", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Without_the_bus_device_file_scan_and_read_print_a_clear_error_and_fail()
    {
        Assert.False(File.Exists("/dev/i2c-250"));

        (int exit, string output, string error) = await RunAsync(null, "scan", "--bus", "250");
        Assert.Equal(I2cCommand.DeviceErrorExit, exit);
        Assert.Empty(output);
        Assert.StartsWith("edgetwin i2c scan: I2C bus 250: /dev/i2c-250 does not exist (", error);
        Assert.Contains("dtparam=i2c_arm=on", error);
        Assert.DoesNotContain("   at ", error); // no stack trace

        (exit, _, error) = await RunAsync(null, "read", "--bus", "250", "--address", "0x76", "--chip", "bme280");
        Assert.Equal(I2cCommand.DeviceErrorExit, exit);
        Assert.StartsWith("edgetwin i2c read: I2C bus 250: /dev/i2c-250 does not exist", error);
    }

    [Fact]
    public async Task Scan_lists_responding_addresses_and_recognised_chips()
    {
        var bus = new FakeBus();
        bus.Add(0x40, new Ina219Registers());
        bus.Add(0x50, new Ina219Registers { Configuration = 0x1234 }); // answers, but is no chip we know

        (int exit, string output, string error) = await RunAsync(bus.Open, "scan", "--bus", "3");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal($"I2C bus 3: 2 devices{Environment.NewLine}  0x40  ina219{Environment.NewLine}  0x50  unknown (responds; no known id){Environment.NewLine}", output);
    }

    [Fact]
    public async Task Read_prints_one_reading_with_units()
    {
        var bus = new FakeBus();

        // INA219 at 0.1 Ω / 2 A: Current_LSB 100 µA; 11.98 V bus, 100 mV shunt, 1 A, 0.2 W (datasheet LSBs).
        bus.Add(0x41, new Ina219Registers { Bus = 0x5D98, Shunt = 10_000, Current = 10_000, Power = 100 });

        (int exit, string output, string error) = await RunAsync(bus.Open, "read", "-b", "1", "-a", "0x41", "-c", "ina219", "--set", "shuntOhms=0.1", "--set", "maxCurrent=2");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        string[] lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("I2C bus 1, address 0x41, ina219:", lines[0]);
        Assert.Equal("  bus_voltage           11.98 V", lines[1]);
        Assert.Equal("  shunt_voltage           0.1 V", lines[2]);
        Assert.Equal("  current                   1 A", lines[3]);
        Assert.Equal("  power                   0.2 W", lines[4]);
    }

    [Fact]
    public async Task A_device_fault_or_a_bad_setting_is_an_error_line()
    {
        var bus = new FakeBus();

        (int exit, _, string error) = await RunAsync(bus.Open, "read", "-a", "0x40", "-c", "ina219");
        Assert.Equal(I2cCommand.DeviceErrorExit, exit);
        Assert.Equal("edgetwin i2c read: I2C bus 1, address 0x40, register 0x00: device did not respond (NACK or bus error)" + Environment.NewLine, error);

        (exit, _, error) = await RunAsync(bus.Open, "read", "-a", "0x48", "-c", "ads1115", "--set", "gain=3");
        Assert.Equal(I2cCommand.UsageErrorExit, exit);
        Assert.StartsWith("edgetwin i2c read: gain: '3' is not an ADS1115 full-scale range", error);
    }

    /// <summary>A bus where absent addresses NACK (IOException, as Linux i2c-dev reports it).</summary>
    private sealed class FakeBus
    {
        private readonly Dictionary<int, Ina219Registers> _chips = [];

        public void Add(int address, Ina219Registers chip) => _chips[address] = chip;

        public I2cDevice Open(int bus, int address) => new Device(new I2cConnectionSettings(bus, address), _chips.GetValueOrDefault(address));

        private sealed class Device(I2cConnectionSettings settings, Ina219Registers? chip) : I2cDevice
        {
            public override I2cConnectionSettings ConnectionSettings => settings;

            public override void Read(Span<byte> buffer) => Chip().Read(buffer);

            public override void Write(ReadOnlySpan<byte> buffer) => Chip().Write(buffer);

            public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
            {
                Write(writeBuffer);
                Read(readBuffer);
            }

            private Ina219Registers Chip() => chip ?? throw new IOException("Error 121 performing I2C data transfer.");
        }
    }

    /// <summary>The INA219's 16-bit registers, MSB first; a reset restores the power-on configuration 0x399F.</summary>
    private sealed class Ina219Registers
    {
        private byte _pointer;

        public ushort Configuration { get; set; } = 0x399F;

        public ushort Shunt { get; init; }

        public ushort Bus { get; init; }

        public ushort Power { get; init; }

        public ushort Current { get; init; }

        public ushort Calibration { get; private set; }

        public void Write(ReadOnlySpan<byte> buffer)
        {
            _pointer = buffer[0];
            if (buffer.Length == 3)
            {
                ushort value = (ushort)((buffer[1] << 8) | buffer[2]);
                switch (_pointer)
                {
                    case 0: Configuration = (value & 0x8000) != 0 ? (ushort)0x399F : value; break;
                    case 5: Calibration = value; break;
                }
            }
        }

        public void Read(Span<byte> buffer)
        {
            ushort value = _pointer switch
            {
                0 => Configuration,
                1 => Shunt,
                2 => Bus,
                3 => Power,
                4 => Current,
                _ => Calibration,
            };
            buffer[0] = (byte)(value >> 8);
            if (buffer.Length > 1)
            {
                buffer[1] = (byte)value;
            }
        }
    }
}
