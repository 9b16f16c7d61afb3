using EdgeTwin.Gateway.Hosting;

namespace EdgeTwin.Gateway.Tests.Deployment;

public sealed class WatchdogSettingsTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Pets_at_half_of_systemds_timeout()
    {
        var settings = WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", "30000000")), 4242);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Interval);
    }

    [Fact]
    public void Pets_when_the_watchdog_is_meant_for_this_process()
    {
        var settings = WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", "4242")), 4242);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Interval);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("soon", null)]
    [InlineData("-5", null)]
    [InlineData("30000000", "4243")]
    [InlineData("30000000", "x")]
    public void Does_not_pet_without_a_watchdog_for_this_process(string? usec, string? pid)
    {
        var vars = new List<(string, string)>();
        if (usec is not null)
        {
            vars.Add(("WATCHDOG_USEC", usec));
        }

        if (pid is not null)
        {
            vars.Add(("WATCHDOG_PID", pid));
        }

        Assert.Null(WatchdogSettings.FromEnvironment(Env([.. vars]), 4242).Interval);
    }
}
