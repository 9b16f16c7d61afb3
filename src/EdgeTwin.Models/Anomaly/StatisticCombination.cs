namespace EdgeTwin.Models.Anomaly;

/// <summary>How T² and Q, each divided by its training limit, are combined into one score per position.</summary>
public enum StatisticCombination
{
    /// <summary>max(T²/T²lim, Q/Qlim): alarms when either statistic is out of its normal range.</summary>
    Max,

    /// <summary>T²/T²lim + Q/Qlim (a combined index).</summary>
    Sum,
}
