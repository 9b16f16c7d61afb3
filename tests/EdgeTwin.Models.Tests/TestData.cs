namespace EdgeTwin.Models.Tests;

/// <summary>Paths of the committed dataset excerpts (see data/README.md).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
