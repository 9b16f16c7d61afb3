namespace EdgeTwin.Core.Points;

/// <summary>Authorisation of writes to a point: a point without a rule is read-only.</summary>
/// <param name="Min">Smallest value accepted (engineering units), or null.</param>
/// <param name="Max">Largest value accepted (engineering units), or null.</param>
/// <param name="MinInterval">Smallest time between two accepted writes, or null for no rate limit.</param>
/// <param name="VerifyReadBack">Read the value back after writing and compare.</param>
public sealed record WriteRule(double? Min, double? Max, TimeSpan? MinInterval, bool VerifyReadBack = false);
