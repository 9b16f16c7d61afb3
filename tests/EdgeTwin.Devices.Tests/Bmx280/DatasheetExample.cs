using EdgeTwin.Devices.Bmx280;

namespace EdgeTwin.Devices.Tests.Bmx280;

/// <summary>
/// The worked example of the Bosch BMP280 datasheet (BST-BMP280-DS001, section 3.12, table "compensation
/// example"), whose temperature and pressure formulas and calibration layout the BME280 shares (BME280 datasheet
/// 4.2.3 and 8.1): dig_T1..T3, dig_P1..P9, adc_T = 519888, adc_P = 415148 give t_fine = 128422, T = 25.08 °C and
/// p = 100653.27 Pa. The humidity words are not part of any Bosch worked example: they are typical values of a
/// real BME280 (H1=75, H2=362, H3=0, H4=313, H5=50, H6=30), used with the two datasheet formulas cross-checked.
/// </summary>
internal static class DatasheetExample
{
    public const int AdcT = 519888;
    public const int AdcP = 415148;
    public const int TFine = 128422;

    public static Bme280Calibration Calibration { get; } = new(
        DigT1: 27504, DigT2: 26435, DigT3: -1000,
        DigP1: 36477, DigP2: -10685, DigP3: 3024, DigP4: 2855, DigP5: 140, DigP6: -7, DigP7: 15500, DigP8: -14600, DigP9: 6000,
        DigH1: 75, DigH2: 362, DigH3: 0, DigH4: 313, DigH5: 50, DigH6: 30);
}
