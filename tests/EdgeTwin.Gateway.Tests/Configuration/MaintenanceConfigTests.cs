using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Tests.Configuration;

public sealed class MaintenanceConfigTests
{
    private static IReadOnlyList<string> Errors(string yaml) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "gw.yaml")).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Defaults_apply_without_a_maintenance_section()
    {
        var config = ConfigLoader.Parse(ConfigLoaderTests.IssueExample, "gw.yaml").Maintenance;
        Assert.Equal(0.7, config.Probability);
        Assert.Equal(TimeSpan.FromHours(48), config.Rul);
        Assert.Equal(TimeSpan.FromHours(12), config.Critical);
        Assert.Equal(TimeSpan.FromHours(48), config.EffectiveWindow);
        Assert.Equal(1, config.MaxDown);
        Assert.Empty(config.Types);
    }

    [Fact]
    public void Levels_dwell_site_constraint_and_type_costs_are_read()
    {
        var yaml = ConfigLoaderTests.IssueExample + """

            maintenance:
              probability: 0.8
              rul: 24h
              critical: 6h
              window: 36h
              hysteresis: 0.05
              minDwell: 30m
              maxDown: 3
              types:
                pump: { downtime: 2h, cost: 800, currency: EUR }
                chiller: { downtime: 90m }
            """;
        var config = ConfigLoader.Parse(yaml, "gw.yaml").Maintenance;
        Assert.Equal(0.8, config.Probability);
        Assert.Equal(TimeSpan.FromHours(24), config.Rul);
        Assert.Equal(TimeSpan.FromHours(6), config.Critical);
        Assert.Equal(TimeSpan.FromHours(36), config.EffectiveWindow);
        Assert.Equal(0.05, config.Hysteresis);
        Assert.Equal(TimeSpan.FromMinutes(30), config.MinDwell);
        Assert.Equal(3, config.MaxDown);
        Assert.Equal(new MaintenanceCost(TimeSpan.FromHours(2), 800, "EUR"), config.Types["pump"]);
        Assert.Equal(new MaintenanceCost(TimeSpan.FromMinutes(90)), config.Types["chiller"]);
    }

    [Fact]
    public void Bad_values_name_file_line_and_key()
    {
        var yaml = ConfigLoaderTests.IssueExample + """

            maintenance:
              probability: 1.5
              rul: 12h
              critical: 24h
              maxDown: 0
              types:
                pump: { cost: 800 }
            """;
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.StartsWith("gw.yaml:26:16:", StringComparison.Ordinal) && e.Contains("maintenance.probability:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("maintenance.critical: the critical level (24h) must be below the rul level (12h)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("maintenance.maxDown:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("maintenance.types.pump.downtime: is required", StringComparison.Ordinal));
    }
}
