using System.Diagnostics;
using EdgeTwin.Modbus.Client;
using EdgeTwin.Modbus.Errors;
using EdgeTwin.Modbus.Protocol;

namespace EdgeTwin.Modbus.Tools;

/// <summary>Finds the unit ids that answer on a bus or behind a gateway (the technician's "who is there?").</summary>
public static class ModbusScanner
{
    private const int MaxConsecutiveTransportFailures = 3;

    /// <summary>
    /// Probes every unit id of <paramref name="options"/> with a one-item read and a short timeout; returns the units
    /// that answered. <paramref name="progress"/> sees every probe. Throws <see cref="ModbusTransportException"/> when
    /// the connection fails repeatedly (nothing to scan).
    /// </summary>
    public static async Task<IReadOnlyList<ModbusScanResult>> ScanAsync(
        ModbusClient client,
        ModbusScanOptions? options = null,
        IProgress<ModbusScanResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new ModbusScanOptions();
        if (options.FirstUnit > options.LastUnit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "FirstUnit must not exceed LastUnit.");
        }

        var found = new List<ModbusScanResult>();
        var bits = new bool[1];
        var registers = new byte[2];
        var transportFailures = 0;
        for (var unit = (int)options.FirstUnit; unit <= options.LastUnit; unit++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(options.Timeout);
            ModbusScanResult result;
            try
            {
                if (options.Table.IsBits())
                {
                    await client.ReadBitsAsync(options.Table, (byte)unit, options.Address, 1, bits, probe.Token).ConfigureAwait(false);
                }
                else
                {
                    await client.ReadRegistersAsync(options.Table, (byte)unit, options.Address, 1, registers, probe.Token).ConfigureAwait(false);
                }

                result = new ModbusScanResult((byte)unit, true, null, Stopwatch.GetElapsedTime(started));
                transportFailures = 0;
            }
            catch (ModbusException ex) when (ex.Code is not ModbusExceptionCode.GatewayTargetFailedToRespond and not ModbusExceptionCode.GatewayPathUnavailable)
            {
                result = new ModbusScanResult((byte)unit, true, ex.Code, Stopwatch.GetElapsedTime(started));
                transportFailures = 0;
            }
            catch (Exception ex) when (ex is ModbusException or ModbusTimeoutException or ModbusProtocolException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A gateway saying "no answer from the target" means the same as silence.
                result = new ModbusScanResult((byte)unit, false, null, Stopwatch.GetElapsedTime(started));
            }
            catch (ModbusTransportException) when (++transportFailures < MaxConsecutiveTransportFailures)
            {
                result = new ModbusScanResult((byte)unit, false, null, Stopwatch.GetElapsedTime(started));
            }

            progress?.Report(result);
            if (result.Responded)
            {
                found.Add(result);
            }
        }

        return found;
    }
}
