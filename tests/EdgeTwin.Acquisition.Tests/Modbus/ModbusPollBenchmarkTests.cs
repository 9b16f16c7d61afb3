using EdgeTwin.Acquisition.Modbus;

namespace EdgeTwin.Acquisition.Tests.Modbus;

public sealed class ModbusPollBenchmarkTests
{
    [Fact]
    public async Task A_small_run_reports_consistent_figures()
    {
        // Figures only: speed is measured by the bench command, never asserted here.
        var report = await ModbusPollBenchmark.RunAsync(new ModbusPollBenchmarkOptions { Points = 300, Cycles = 5, WarmupCycles = 2 });
        Assert.Equal(300, report.Points);
        Assert.Equal(5, report.ReadsPerCycle); // 600 registers in reads of 125
        Assert.True(report.Cycles >= 5);
        Assert.True(report.ServerInProcess);
        Assert.True(report.SamplesPerSecond > 0);
        Assert.Contains("reads/cycle=5", report.ToString());
    }
}
