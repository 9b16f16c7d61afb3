using EdgeTwin.Devices.I2c;

namespace EdgeTwin.Devices.Shtxx;

/// <summary>
/// Command/response exchange of Sensirion sensors without clock stretching: write the command, wait the datasheet's
/// maximum duration, then read; while the sensor is still busy it NACKs the read header, so the read is retried
/// until <c>timeout</c> (SHT3x datasheet 4.4, SHT4x datasheet 4.3).
/// </summary>
internal static class SensirionTransfer
{
    public static void WriteCommand(I2cRegisterIo io, int command, int commandLength)
    {
        Span<byte> frame = stackalloc byte[2];
        if (commandLength == 1)
        {
            frame[0] = (byte)command;
        }
        else
        {
            frame[0] = (byte)(command >> 8);
            frame[1] = (byte)command;
        }

        io.Write(frame[..commandLength], command);
    }

    public static async Task<byte[]> ExecuteAsync(
        I2cRegisterIo io,
        int command,
        int commandLength,
        int responseLength,
        TimeSpan wait,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        WriteCommand(io, command, commandLength);
        await DeviceTiming.DelayAsync(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        var response = new byte[responseLength];
        await DeviceTiming.PollUntilAsync(
            () => io.TryReadRaw(response), timeout, timeProvider, io, command, "measurement not ready (read NACKed)", cancellationToken)
            .ConfigureAwait(false);
        return response;
    }
}
