using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeTwin.Models.Errors;

namespace EdgeTwin.Models.Manifest;

/// <summary>
/// The JSON manifest that travels with every ONNX model: what the inputs are (properties, window,
/// normalisation), what the outputs mean (score, probability, RUL, ...), the threshold, the training span and
/// fit statistics. Our exporters write it; a bring-your-own model supplies it.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The manifest format identifier this library writes and accepts.</summary>
    public const string CurrentFormat = "edgetwin-model/1";

    /// <summary>Format identifier; must be <see cref="CurrentFormat"/>.</summary>
    public string Format { get; set; } = CurrentFormat;

    /// <summary>Model kind, e.g. "pca-t2q", "rul-gbt", or "custom".</summary>
    public required string Kind { get; init; }

    /// <summary>Model version (free text, e.g. a date or a counter).</summary>
    public string Version { get; set; } = "1";

    /// <summary>Human-readable name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>When the model was produced.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Input description.</summary>
    public required ManifestInput Input { get; init; }

    /// <summary>Output descriptions.</summary>
    public required IReadOnlyList<ManifestOutput> Outputs { get; init; }

    /// <summary>Alarm threshold on the score output, when the model has one.</summary>
    public double? Threshold { get; init; }

    /// <summary>Training data span and size.</summary>
    public ManifestTraining? Training { get; init; }

    /// <summary>Named fit statistics (components, explained variance, RMSE, ...).</summary>
    public IReadOnlyDictionary<string, double>? Fit { get; init; }

    /// <summary>Model-specific feature names (documentation).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>RUL-specific settings (cap, error model); null for other kinds.</summary>
    public RulManifestSection? Rul { get; init; }

    /// <summary>The output with the given role, or null.</summary>
    public ManifestOutput? Output(string role) => Outputs.FirstOrDefault(o => string.Equals(o.Role, role, StringComparison.Ordinal));

    /// <summary>Serialises the manifest.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJson.Default.ModelManifest);

    /// <summary>Parses and validates a manifest.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="path">File name used in error messages.</param>
    /// <exception cref="ManifestException">Malformed JSON or an invalid field.</exception>
    public static ModelManifest Parse(string json, string path = "")
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJson.Default.ModelManifest);
        }
        catch (JsonException ex)
        {
            throw new ManifestException(path, $"invalid manifest JSON at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new ManifestException(path, "manifest is empty");
        }

        manifest.Validate(path);
        return manifest;
    }

    /// <summary>Reads, parses and validates a manifest file (at most 16 MiB).</summary>
    public static ModelManifest Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ManifestException(path, "manifest file not found");
        }

        if (info.Length > 16 * 1024 * 1024)
        {
            throw new ManifestException(path, $"manifest of {info.Length} bytes is larger than 16 MiB");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Writes the manifest atomically.</summary>
    public void Save(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Checks the manifest's own consistency (not yet against an ONNX file).</summary>
    /// <exception cref="ManifestException">The first problem found.</exception>
    public void Validate(string path = "")
    {
        if (Format != CurrentFormat)
        {
            throw new ManifestException(path, $"format '{Format}' is not supported (expected '{CurrentFormat}')");
        }

        if (string.IsNullOrWhiteSpace(Kind))
        {
            throw new ManifestException(path, "kind is missing");
        }

        Input.Validate(path);
        if (Outputs is null || Outputs.Count == 0)
        {
            throw new ManifestException(path, "outputs: at least one output is required");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ManifestOutput o in Outputs)
        {
            if (string.IsNullOrWhiteSpace(o.Name) || !names.Add(o.Name))
            {
                throw new ManifestException(path, $"outputs: missing or duplicate output name '{o.Name}'");
            }

            if (!ManifestOutput.KnownRoles.Contains(o.Role))
            {
                throw new ManifestException(path, $"outputs.{o.Name}: unknown role '{o.Role}' (expected one of {string.Join(", ", ManifestOutput.KnownRoles)})");
            }
        }

        if (!Outputs.Any(o => o.Role is ManifestOutput.ScoreRole or ManifestOutput.ProbabilityRole or ManifestOutput.RulRole))
        {
            throw new ManifestException(path, "outputs: one output must have role score, probability or rul");
        }

        if (Threshold is { } t && !double.IsFinite(t))
        {
            throw new ManifestException(path, "threshold must be a finite number");
        }

        if (Output(ManifestOutput.RulRole) is not null && Rul is not null)
        {
            Rul.Validate(path);
        }
    }
}
