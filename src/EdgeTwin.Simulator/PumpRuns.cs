using System.Globalization;

namespace EdgeTwin.Simulator;

/// <summary>
/// Run-to-failure histories of the simulated pump in EdgeTwin's history CSV (<c>run,time,property,...</c>), as a
/// gateway polling it would record them: the physics stepped every 100 ms, a sample every <c>sample</c> interval,
/// until the pump fails. Runs differ in seed, lifetime (±20 %) and speed set-point (70..90 %).
/// </summary>
public static class PumpRuns
{
    /// <summary>The recorded properties, named as in the demo configuration.</summary>
    public static IReadOnlyList<string> Properties { get; } = ["pressure", "current", "vibration", "flow", "temperature"];

    /// <summary>Writes <paramref name="runs"/> runs to <paramref name="writer"/>; returns the rows written.</summary>
    public static long Write(TextWriter writer, int runs, TimeSpan lifetime, TimeSpan sample, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var step = TimeSpan.FromMilliseconds(100);
        if (sample < step)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample, "samples are taken at most every 100 ms");
        }

        var random = new Random(seed);
        writer.WriteLine("run,time," + string.Join(',', Properties));
        long rows = 0;
        var every = (int)Math.Round(sample / step);
        for (var r = 0; r < runs; r++)
        {
            var life = lifetime * (0.8 + 0.4 * random.NextDouble());
            var pump = new PumpModel(life, seed * 1000 + r) { SpeedSetpoint = 70 + 20 * random.NextDouble() };
            for (long k = 0; !pump.Failed; k++)
            {
                pump.Step(step);
                if (k % every == 0)
                {
                    var t = (k * step).TotalSeconds;
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run{r + 1},{t:0.###},{pump.Pressure:0.####},{pump.Current:0.####},{pump.Vibration:0.####},{pump.Flow:0.####},{pump.Temperature:0.###}"));
                    rows++;
                }
            }
        }

        return rows;
    }
}
