using EdgeTwin.Twin.State;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// An immutable copy of the twin for the HTTP side, taken on the pipeline thread: the latest state of every point,
/// a snapshot of every asset and the state of every configured alarm.
/// </summary>
/// <param name="Taken">When it was taken (UTC); <see cref="DateTime.MinValue"/> before the first batch.</param>
/// <param name="Points">Latest state of every point, by point index (a private copy).</param>
/// <param name="PointsTaken">When <paramref name="Points"/> was copied: a snapshot taken for readers that need no
/// points (metrics) keeps the previous copy, since at 50,000 points each copy is a 2.4 MB array.</param>
/// <param name="Assets">One snapshot per asset, in configuration order.</param>
/// <param name="Alarms">Every configured alarm, in configuration order.</param>
/// <param name="SamplesPerSecond">Samples delivered by all devices per second over the last few seconds.</param>
public sealed record LiveSnapshot(
    DateTime Taken, PointState[] Points, DateTime PointsTaken, IReadOnlyList<AssetSnapshot> Assets, IReadOnlyList<AlarmView> Alarms, double SamplesPerSecond);
