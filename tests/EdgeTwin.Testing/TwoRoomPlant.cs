namespace EdgeTwin.Testing;

/// <summary>
/// Two rooms held by chillers, for tests of identified dynamics and set-point optimisation: every 10 s step each room's
/// temperature moves 5 % of the way to its set-point plus 2 (room 1) or 4 °C (room 2); the set-points are excited
/// with random values in 18-28 °C every 40 steps and come back to 22 °C for the last 100 steps.
/// </summary>
public static class TwoRoomPlant
{
    /// <summary>
    /// The values of <paramref name="steps"/> steps from <paramref name="t0"/>, in point order temperature 1,
    /// set-point 1, temperature 2, set-point 2; the temperatures read with uniform noise of width
    /// <paramref name="noise"/> (0: none, and no random draws for it).
    /// </summary>
    public static IEnumerable<(DateTime Time, double[] Values)> Steps(DateTime t0, int steps, double noise = 0)
    {
        var random = new Random(5);
        double t1 = 24, t2 = 26, s1 = 22, s2 = 22;
        for (var k = 0; k < steps; k++)
        {
            if (k % 40 == 0)
            {
                (s1, s2) = k >= steps - 100 ? (22, 22) : (18 + random.NextDouble() * 10, 18 + random.NextDouble() * 10);
            }

            var read1 = noise == 0 ? t1 : t1 + (random.NextDouble() - 0.5) * noise;
            var read2 = noise == 0 ? t2 : t2 + (random.NextDouble() - 0.5) * noise;
            yield return (t0.AddSeconds(10 * k), [read1, s1, read2, s2]);
            t1 += 0.05 * (s1 + 2 - t1);
            t2 += 0.05 * (s2 + 4 - t2);
        }
    }
}
