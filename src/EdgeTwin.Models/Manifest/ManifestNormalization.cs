using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Manifest;

/// <summary>Who applies the normalisation (x - mean) / std to the raw inputs.</summary>
public enum NormalizationSite
{
    /// <summary>The ONNX graph does it; feed raw values (the mean/std are recorded for reference).</summary>
    Model,

    /// <summary>The scorer applies it before feeding the model.</summary>
    Scorer,
}

/// <summary>Per-property normalisation.</summary>
public sealed record ManifestNormalization
{
    /// <summary>Where it is applied.</summary>
    public NormalizationSite AppliedBy { get; set; } = NormalizationSite.Model;

    /// <summary>Per-property mean.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Per-property standard deviation (positive).</summary>
    public required IReadOnlyList<double> Std { get; init; }

    internal void Validate(string path, int properties)
    {
        if (Mean is null || Std is null || Mean.Count != properties || Std.Count != properties)
        {
            throw new ManifestException(path, $"input.normalization: mean and std need {properties} values each (one per property), got {Mean?.Count ?? 0} and {Std?.Count ?? 0}");
        }

        for (int i = 0; i < properties; i++)
        {
            if (!double.IsFinite(Mean[i]) || !(Std[i] > 0) || !double.IsFinite(Std[i]))
            {
                throw new ManifestException(path, $"input.normalization: property {i} has mean {Mean[i]} and std {Std[i]} (std must be positive and finite)");
            }
        }
    }
}
