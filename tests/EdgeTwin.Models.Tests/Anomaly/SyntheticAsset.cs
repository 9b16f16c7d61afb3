namespace EdgeTwin.Models.Tests.Anomaly;

/// <summary>A deterministic synthetic pump: current and pressure correlated, a slow temperature, vibration noise.</summary>
internal static class SyntheticAsset
{
    public static readonly string[] Properties = ["current", "pressure", "temperature", "vibration"];

    public static List<double[]> Normal(int rows, int seed)
    {
        var random = new Random(seed);
        var result = new List<double[]>(rows);
        double temperature = 60;
        for (int i = 0; i < rows; i++)
        {
            double load = 10 + Gaussian(random);
            temperature += 0.002 + 0.01 * Gaussian(random);
            result.Add([load + 0.2 * Gaussian(random), 2 + 0.1 * load + 0.05 * Gaussian(random), temperature, 0.5 + 0.05 * Gaussian(random)]);
        }

        return result;
    }

    /// <summary>Normal data whose pressure stops following the current from <paramref name="faultStart"/> on.</summary>
    public static List<double[]> WithPressureFault(int rows, int faultStart, int seed)
    {
        List<double[]> data = Normal(rows, seed);
        for (int i = faultStart; i < rows; i++)
        {
            data[i][1] -= 0.6;
        }

        return data;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
