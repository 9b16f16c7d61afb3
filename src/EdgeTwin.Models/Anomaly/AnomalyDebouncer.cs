namespace EdgeTwin.Models.Anomaly;

/// <summary>
/// Debounces a raw anomaly flag: it turns on after <see cref="OnCount"/> consecutive anomalous results and
/// off after <see cref="OffCount"/> consecutive normal ones.
/// </summary>
public sealed class AnomalyDebouncer
{
    private int _run;

    /// <summary>Creates a debouncer.</summary>
    public AnomalyDebouncer(int onCount = 3, int offCount = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(offCount, 1);
        OnCount = onCount;
        OffCount = offCount;
    }

    /// <summary>Consecutive anomalous results needed to raise the flag.</summary>
    public int OnCount { get; }

    /// <summary>Consecutive normal results needed to clear it.</summary>
    public int OffCount { get; }

    /// <summary>The debounced flag.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Feeds one raw flag and returns the debounced state.</summary>
    public bool Update(bool anomalous)
    {
        if (anomalous == IsActive)
        {
            _run = 0;
            return IsActive;
        }

        _run++;
        if (_run >= (IsActive ? OffCount : OnCount))
        {
            IsActive = anomalous;
            _run = 0;
        }

        return IsActive;
    }

    /// <summary>Clears the flag and the counters.</summary>
    public void Reset()
    {
        IsActive = false;
        _run = 0;
    }
}
