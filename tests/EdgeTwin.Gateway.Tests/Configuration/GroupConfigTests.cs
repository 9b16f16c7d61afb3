using EdgeTwin.Gateway.Configuration;

namespace EdgeTwin.Gateway.Tests.Configuration;

public sealed class GroupConfigTests
{
    /// <summary>The issue's example with a second pump (pump2 on the same points).</summary>
    private static readonly string TwoPumps = ConfigLoaderTests.IssueExample + """

          - id: pump2
            type: pump
            properties:
              pressure: plc1/pump1_pressure

        """;

    private static IReadOnlyList<string> Errors(string yaml) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "gw.yaml")).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Groups_name_assets_in_order_and_default_to_none()
    {
        Assert.Empty(ConfigLoader.Parse(ConfigLoaderTests.IssueExample, "gw.yaml").Groups);
        var config = ConfigLoader.Parse(TwoPumps + "groups:\n  pumps: [pump2, pump1]\n  first: [pump1]\n", "gw.yaml");
        Assert.Equal(["pump2", "pump1"], config.Groups["pumps"]);
        Assert.Equal(["pump1"], config.Groups["first"]);
    }

    [Fact]
    public void Unknown_repeated_or_missing_assets_and_bad_names_are_refused_naming_the_group()
    {
        var errors = Errors(TwoPumps + """
            groups:
              pumps: [pump1, pump9]
              twice: [pump2, pump2]
              none: []
              blank:
              pump1: [pump2]
              "a b": [pump1]
            """);
        Assert.Contains(errors, e => e.Contains("groups.pumps: unknown asset 'pump9' (assets: pump1, pump2)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("groups.twice: asset 'pump2' is listed twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("groups.none: a group needs at least one asset", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("groups.blank: expected a list", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("groups.pump1: 'pump1' is already an asset id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("groups.a b: group names are letters, digits, '_' or '-'", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }
}
