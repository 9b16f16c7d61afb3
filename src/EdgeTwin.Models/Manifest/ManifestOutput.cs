namespace EdgeTwin.Models.Manifest;

/// <summary>One model output and what it means.</summary>
/// <param name="Name">Output tensor name in the ONNX graph.</param>
/// <param name="Role">Meaning: score, probability, rul, t2, q or contributions.</param>
public sealed record ManifestOutput(string Name, string Role)
{
    /// <summary>Anomaly score, compared with the manifest threshold. Shape [batch] or [batch, 1].</summary>
    public const string ScoreRole = "score";

    /// <summary>A probability in [0, 1]. Shape [batch] or [batch, 1].</summary>
    public const string ProbabilityRole = "probability";

    /// <summary>Remaining useful life in the model's time unit. Shape [batch] or [batch, 1].</summary>
    public const string RulRole = "rul";

    /// <summary>Hotelling T². Shape [batch] or [batch, 1].</summary>
    public const string T2Role = "t2";

    /// <summary>Q / squared prediction error. Shape [batch] or [batch, 1].</summary>
    public const string QRole = "q";

    /// <summary>Per-property contributions. Shape [batch, properties].</summary>
    public const string ContributionsRole = "contributions";

    /// <summary>Every role the loader understands.</summary>
    public static IReadOnlySet<string> KnownRoles { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ScoreRole, ProbabilityRole, RulRole, T2Role, QRole, ContributionsRole,
    };

    /// <summary>True for roles with one value per batch row.</summary>
    public bool IsScalar => Role != ContributionsRole;
}
