using EdgeTwin.Devices.Bmx280;

namespace EdgeTwin.Acquisition.Tests.Devices;

/// <summary>
/// The compensation example of the Bosch BMP280 datasheet (section 3.12), whose temperature and pressure formulas
/// and calibration layout the BME280 shares: adc_T = 519888 and adc_P = 415148 give T = 25.08 °C and
/// p = 100653.27 Pa. The humidity words are typical values of a real BME280 (no Bosch worked example exists).
/// </summary>
internal static class BoschExample
{
    public const int AdcT = 519888;
    public const int AdcP = 415148;
    public const int AdcH = 30000;
    public const int TFine = 128422;

    public static Bme280Calibration Calibration { get; } = new(
        DigT1: 27504, DigT2: 26435, DigT3: -1000,
        DigP1: 36477, DigP2: -10685, DigP3: 3024, DigP4: 2855, DigP5: 140, DigP6: -7, DigP7: 15500, DigP8: -14600, DigP9: 6000,
        DigH1: 75, DigH2: 362, DigH3: 0, DigH4: 313, DigH5: 50, DigH6: 30);

    public static EdgeTwin.Devices.Tests.Simulation.Bme280Simulator Simulator(byte chipId = Bme280.ChipId) => new(Calibration, chipId: chipId)
    {
        RawTemperature = AdcT,
        RawPressure = AdcP,
        RawHumidity = AdcH,
    };
}
