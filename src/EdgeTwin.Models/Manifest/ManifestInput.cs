using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Manifest;

/// <summary>
/// The model's single input tensor: the last <see cref="Window"/> samples of <see cref="Properties"/>,
/// shaped [batch, window, properties] (or [batch, properties] when <see cref="Window"/> is 1 and
/// <see cref="Rank"/> is 2), float32, oldest sample first.
/// </summary>
public sealed record ManifestInput
{
    /// <summary>Input tensor name in the ONNX graph.</summary>
    public required string Name { get; init; }

    /// <summary>Property names, in the order of the last tensor axis.</summary>
    public required IReadOnlyList<string> Properties { get; init; }

    /// <summary>Samples per inference (1 = the latest sample only).</summary>
    public int Window { get; set; } = 1;

    /// <summary>Tensor rank: 3 for [batch, window, properties], 2 for [batch, properties] (window 1 only).</summary>
    public int Rank { get; set; } = 3;

    /// <summary>How inputs are normalised.</summary>
    public ManifestNormalization? Normalization { get; init; }

    internal void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ManifestException(path, "input.name is missing");
        }

        if (Properties is null || Properties.Count == 0)
        {
            throw new ManifestException(path, "input.properties: at least one property is required");
        }

        if (Properties.Distinct(StringComparer.Ordinal).Count() != Properties.Count)
        {
            throw new ManifestException(path, "input.properties: duplicate property names");
        }

        if (Window < 1 || Window > 100_000)
        {
            throw new ManifestException(path, $"input.window {Window} is out of range 1..100000");
        }

        if (Rank is not (2 or 3) || (Rank == 2 && Window != 1))
        {
            throw new ManifestException(path, $"input.rank {Rank} is invalid (3, or 2 with window 1)");
        }

        Normalization?.Validate(path, Properties.Count);
    }
}
