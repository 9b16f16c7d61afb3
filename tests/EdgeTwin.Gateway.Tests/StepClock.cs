namespace EdgeTwin.Gateway.Tests;

/// <summary>A clock (wall time and timestamps) that moves only when the test moves it; readable from any thread.</summary>
internal sealed class StepClock : TimeProvider
{
    private long _timestamp = 1_000_000;
    private long _nowTicks = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _nowTicks, by.Ticks);
        Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));
    }
}
