using EdgeTwin.Modbus.Fuzzing;

namespace EdgeTwin.Modbus.Tests.Properties;

public sealed class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void A_short_fuzz_run_breaks_no_invariant_and_exercises_every_path(int seed)
    {
        var report = ModbusFuzz.Run(12_000, seed);
        Assert.True(report.Failures == 0, report.FirstFailure);
        Assert.Equal(12_000, report.Iterations);
        Assert.True(report.Frames > 1000, report.ToString());
        Assert.True(report.Incomplete > 1000, report.ToString());
        Assert.True(report.ProtocolErrors > 100, report.ToString());
        Assert.True(report.ExceptionResponses > 0, report.ToString());
        Assert.True(report.RtuDiscardedBytes > 1000, report.ToString());
        Assert.True(report.ServerAnswers > 100, report.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        Assert.Equal(ModbusFuzz.Run(2000, 7), ModbusFuzz.Run(2000, 7));
    }
}
