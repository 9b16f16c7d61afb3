namespace EdgeTwin.Devices.I2c;

/// <summary>Waiting helpers shared by the drivers: a delay on the driver's <see cref="TimeProvider"/> (no Thread.Sleep).</summary>
internal static class DeviceTiming
{
    /// <summary>Interval between polls of a busy bit.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    public static Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);

    /// <summary>
    /// Polls <paramref name="isReady"/> every <see cref="PollInterval"/> until it returns true; throws
    /// <see cref="I2cTimeoutException"/> once <paramref name="timeout"/> has passed on <paramref name="timeProvider"/>.
    /// </summary>
    public static async Task PollUntilAsync(
        Func<bool> isReady,
        TimeSpan timeout,
        TimeProvider timeProvider,
        I2cRegisterIo io,
        int? register,
        string what,
        CancellationToken cancellationToken)
    {
        long start = timeProvider.GetTimestamp();
        while (!isReady())
        {
            if (timeProvider.GetElapsedTime(start) >= timeout)
            {
                throw new I2cTimeoutException(io.BusId, io.Address, register, timeout, what);
            }

            await DelayAsync(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
