namespace EdgeTwin.Devices.Bmx280;

/// <summary>
/// The BME280 compensation formulas of datasheet section 4.2.3 (integer, rev. 1.1) and section 8.1 (double).
/// Pure functions: <c>tFine</c> is passed explicitly instead of the datasheet's global variable.
/// </summary>
public static class Bme280Compensation
{
    /// <summary>Raw value of a skipped temperature or pressure measurement.</summary>
    public const int SkippedTemperaturePressure = 0x80000;

    /// <summary>Raw value of a skipped humidity measurement.</summary>
    public const int SkippedHumidity = 0x8000;

    /// <summary>Temperature in 0.01 °C ("5123" = 51.23 °C), 32-bit integer formula.</summary>
    public static int TemperatureInt32(int adcT, Bme280Calibration cal, out int tFine)
    {
        int var1 = (((adcT >> 3) - (cal.DigT1 << 1)) * cal.DigT2) >> 11;
        int d = (adcT >> 4) - cal.DigT1;
        int var2 = (((d * d) >> 12) * cal.DigT3) >> 14;
        tFine = var1 + var2;
        return ((tFine * 5) + 128) >> 8;
    }

    /// <summary>Pressure in Pa as Q24.8 ("24674867" = 96386.2 Pa), 64-bit integer formula; 0 if the divisor is 0.</summary>
    public static uint PressureInt64(int adcP, int tFine, Bme280Calibration cal)
    {
        long var1 = (long)tFine - 128000;
        long var2 = var1 * var1 * cal.DigP6;
        var2 += (var1 * cal.DigP5) << 17;
        var2 += (long)cal.DigP4 << 35;
        var1 = ((var1 * var1 * cal.DigP3) >> 8) + ((var1 * cal.DigP2) << 12);
        var1 = (((1L << 47) + var1) * cal.DigP1) >> 33;
        if (var1 == 0)
        {
            return 0; // avoid division by zero, as the datasheet does
        }

        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (cal.DigP9 * (p >> 13) * (p >> 13)) >> 25;
        var2 = (cal.DigP8 * p) >> 19;
        p = ((p + var1 + var2) >> 8) + ((long)cal.DigP7 << 4);
        return (uint)p;
    }

    /// <summary>Relative humidity as Q22.10 ("47445" = 46.333 %RH), 32-bit integer formula, clamped to 0..100 %RH.</summary>
    public static uint HumidityInt32(int adcH, int tFine, Bme280Calibration cal)
    {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (cal.DigH4 << 20) - (cal.DigH5 * v)) + 16384) >> 15)
            * (((((((v * cal.DigH6) >> 10) * (((v * cal.DigH3) >> 11) + 32768)) >> 10) + 2097152) * cal.DigH2 + 8192) >> 14);
        v -= ((((v >> 15) * (v >> 15)) >> 7) * cal.DigH1) >> 4;
        v = Math.Clamp(v, 0, 419430400);
        return (uint)(v >> 12);
    }

    /// <summary>Temperature in °C, double formula.</summary>
    public static double TemperatureDouble(int adcT, Bme280Calibration cal, out int tFine)
    {
        double var1 = ((adcT / 16384.0) - (cal.DigT1 / 1024.0)) * cal.DigT2;
        double d = (adcT / 131072.0) - (cal.DigT1 / 8192.0);
        double var2 = d * d * cal.DigT3;
        tFine = (int)(var1 + var2);
        return (var1 + var2) / 5120.0;
    }

    /// <summary>Pressure in Pa, double formula; 0 if the divisor is 0.</summary>
    public static double PressureDouble(int adcP, int tFine, Bme280Calibration cal)
    {
        double var1 = (tFine / 2.0) - 64000.0;
        double var2 = var1 * var1 * cal.DigP6 / 32768.0;
        var2 += var1 * cal.DigP5 * 2.0;
        var2 = (var2 / 4.0) + (cal.DigP4 * 65536.0);
        var1 = ((cal.DigP3 * var1 * var1 / 524288.0) + (cal.DigP2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * cal.DigP1;
        if (var1 == 0.0)
        {
            return 0;
        }

        double p = 1048576.0 - adcP;
        p = (p - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = cal.DigP9 * p * p / 2147483648.0;
        var2 = p * cal.DigP8 / 32768.0;
        return p + ((var1 + var2 + cal.DigP7) / 16.0);
    }

    /// <summary>Relative humidity in %RH, double formula, clamped to 0..100 %RH.</summary>
    public static double HumidityDouble(int adcH, int tFine, Bme280Calibration cal)
    {
        double h = tFine - 76800.0;
        h = (adcH - ((cal.DigH4 * 64.0) + (cal.DigH5 / 16384.0 * h)))
            * (cal.DigH2 / 65536.0 * (1.0 + (cal.DigH6 / 67108864.0 * h * (1.0 + (cal.DigH3 / 67108864.0 * h)))));
        h *= 1.0 - (cal.DigH1 * h / 524288.0);
        return Math.Clamp(h, 0.0, 100.0);
    }
}
