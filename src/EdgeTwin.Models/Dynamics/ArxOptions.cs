namespace EdgeTwin.Models.Dynamics;

/// <summary>Structure and estimator settings of an ARX model identified online.</summary>
public sealed record ArxOptions
{
    /// <summary>Past outputs per output in the regressor (na ≥ 1). Every output sees the past of all outputs.</summary>
    public int OutputOrder { get; init; } = 2;

    /// <summary>Past values per input (nb ≥ 1).</summary>
    public int InputOrder { get; init; } = 2;

    /// <summary>Input delay in samples (d ≥ 0): y(t) depends on u(t-d) .. u(t-d-nb+1).</summary>
    public int Delay { get; init; } = 1;

    /// <summary>Include a constant term (operating-point offset).</summary>
    public bool Bias { get; init; } = true;

    /// <summary>RLS forgetting factor λ in (0, 1]; the memory is about 1/(1-λ) samples.</summary>
    public double Forgetting { get; init; } = 0.999;

    /// <summary>Initial covariance P = δ·I (large = little trust in the zero start).</summary>
    public double InitialCovariance { get; init; } = 1000;

    /// <summary>Trace of P above which forgetting pauses (prevents wind-up when the inputs do not excite the system).</summary>
    public double MaxCovarianceTrace { get; init; } = 1e6;

    /// <summary>Recent samples over which the fit quality is reported.</summary>
    public int QualityWindow { get; init; } = 360;

    internal void Validate()
    {
        if (OutputOrder < 1 || InputOrder < 1 || Delay < 0)
        {
            throw new ArgumentException($"orders na={OutputOrder}, nb={InputOrder}, delay={Delay} are invalid (na ≥ 1, nb ≥ 1, d ≥ 0)");
        }

        if (!(Forgetting > 0 && Forgetting <= 1))
        {
            throw new ArgumentException($"forgetting factor {Forgetting} must be in (0, 1]");
        }

        if (!(InitialCovariance > 0) || QualityWindow < 2)
        {
            throw new ArgumentException("initial covariance must be positive and the quality window at least 2");
        }
    }
}
