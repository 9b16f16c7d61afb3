using System.Device.I2c;
using EdgeTwin.Devices.Bmx280;
using EdgeTwin.Devices.I2c;
using EdgeTwin.Devices.Ina2xx;
using EdgeTwin.Devices.Tests.Bmx280;
using EdgeTwin.Devices.Tests.Simulation;

namespace EdgeTwin.Devices.Tests.I2c;

public sealed class I2cBusScannerTests
{
    private readonly SimulatedClock _clock = new() { AutoAdvance = true };

    [Fact]
    public async Task Scan_lists_responding_addresses_and_recognises_known_chips()
    {
        var bus = new Dictionary<int, I2cDevice>
        {
            [0x20] = new SimulatedRegisterDevice(0x20),                                  // unknown expander
            [0x40] = new Ina219Simulator(0x40),
            [0x44] = new Sht3xSimulator(0x44),
            [0x45] = new Sht4xSimulator(0x45),
            [0x48] = new Ads1115Simulator(0x48),
            [0x4B] = new Ads1115Simulator(0x4B),
            [0x76] = new Bme280Simulator(DatasheetExample.Calibration, 0x76),
            [0x77] = new Bme280Simulator(DatasheetExample.Calibration, 0x77, chipId: 0x58),
        };
        var probed = new List<int>();
        var scanner = new I2cBusScanner(
            a =>
            {
                probed.Add(a);
                return bus.TryGetValue(a, out I2cDevice? d) ? d : new AbsentI2cDevice(a);
            },
            _clock);

        IReadOnlyList<I2cScanResult> results = await scanner.ScanAsync();

        Assert.Equal(
            [
                new I2cScanResult(0x20, null),
                new I2cScanResult(0x40, I2cChip.Ina219),
                new I2cScanResult(0x44, I2cChip.Sht3x),
                new I2cScanResult(0x45, I2cChip.Sht4x),
                new I2cScanResult(0x48, I2cChip.Ads1115),
                new I2cScanResult(0x4B, I2cChip.Ads1115),
                new I2cScanResult(0x76, I2cChip.Bme280),
                new I2cScanResult(0x77, I2cChip.Bmp280),
            ],
            results);
        Assert.Equal(0x03, probed[0]);
        Assert.Equal(0x77, probed[^1]);
        Assert.Equal(0x77 - 0x03 + 1, probed.Count);
    }

    [Fact]
    public async Task A_configured_ina219_no_longer_shows_its_default_and_is_listed_as_unknown()
    {
        var ina = new Ina219Simulator(0x41);
        await new Ina219(ina, new Ina219Settings(Ina219Calibration.FromCurrentLsb(0.1, 1e-4)) { ShuntRange = Ina219ShuntRange.Range40mV }, _clock).ReadAsync();
        var scanner = new I2cBusScanner(a => a == 0x41 ? ina : new AbsentI2cDevice(a), _clock);

        IReadOnlyList<I2cScanResult> results = await scanner.ScanAsync();

        Assert.Equal([new I2cScanResult(0x41, null)], results);
    }

    [Fact]
    public async Task Empty_bus_gives_an_empty_list()
    {
        var scanner = new I2cBusScanner(a => new AbsentI2cDevice(a), _clock);

        Assert.Empty(await scanner.ScanAsync());
    }

    [Fact]
    public void Scan_result_prints_address_and_chip()
    {
        Assert.Equal("0x76 Bme280", new I2cScanResult(0x76, I2cChip.Bme280).ToString());
        Assert.Equal("0x20 unknown", new I2cScanResult(0x20, null).ToString());
    }
}
