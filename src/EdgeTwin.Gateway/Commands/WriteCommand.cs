using System.Globalization;
using System.Text.Json;
using EdgeTwin.Core.Points;
using EdgeTwin.Gateway.Pipeline;
using EdgeTwin.Storage;
using EdgeTwin.Uplink.Json;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// <c>write</c> <c>{"point":"device/point","value":12.5}</c>: writes a value to a point through its device loop.
/// Denied unless the point is <c>writable: true</c> in the configuration, within its <c>min</c>/<c>max</c>, within the
/// range of its raw type, and not sooner than <c>minWriteInterval</c> after the last accepted write. Every attempt,
/// allowed or denied, is appended to the audit log (LiteDB) and published as a <c>write</c> event.
/// </summary>
public sealed partial class WriteCommand : ICommandModule
{
    /// <summary>Longest a device write may take.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly GatewayRuntime _rt;
    private readonly EventPublisher _events;
    private readonly ILogger _logger;
    private readonly Dictionary<int, DateTime> _lastAccepted = new();

    /// <summary>Creates the module.</summary>
    public WriteCommand(GatewayRuntime runtime, EventPublisher events, ILogger<WriteCommand> logger)
    {
        _rt = runtime;
        _events = events;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Register(CommandRouter router) =>
        router.Register("write", "Writes a value to a writable point: {\"point\":\"device/point\",\"value\":12.5}.", ExecuteAsync);

    private async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var key = context.RequiredString("point");
        var raw = context.Optional("value");
        var shown = raw?.GetRawText() ?? "(none)";
        if (!_rt.Table.TryGet(key, out var point))
        {
            throw Deny(context, key, shown, "bad-request", $"no point '{key}' (expected device/point)");
        }

        if (point.Config.Writable is not { } rule)
        {
            throw Deny(context, key, shown, "denied", $"point '{key}' is not writable (the configuration must say writable: true)");
        }

        var value = ReadValue(point, raw) ?? throw Deny(context, key, shown, "bad-request",
            point.Config.Type == PointType.Bool ? "'value' must be true, false, 0 or 1" : "'value' must be a number");
        shown = value.ToString("R", CultureInfo.InvariantCulture);
        if (rule.Min is { } min && value < min)
        {
            throw Deny(context, key, shown, "denied", $"{shown} is below the minimum {min.ToString(CultureInfo.InvariantCulture)} of '{key}'");
        }

        if (rule.Max is { } max && value > max)
        {
            throw Deny(context, key, shown, "denied", $"{shown} is above the maximum {max.ToString(CultureInfo.InvariantCulture)} of '{key}'");
        }

        if (RawRangeProblem(point, value) is { } problem)
        {
            throw Deny(context, key, shown, "denied", problem);
        }

        if (!TryReserve(point, rule.MinInterval, context.Received, out var wait))
        {
            throw Deny(context, key, shown, "denied", $"'{key}' was written less than {rule.MinInterval!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ago; try again in {wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await _rt.Sources[point.Device].WriteAsync(point, value, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Record(context, key, shown, "failed", "failed", $"the device did not confirm the write within {WriteTimeout.TotalSeconds} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Protocol, transport or device faults: the write did not happen (or is not confirmed); say so, precisely.
            throw Record(context, key, shown, "failed", "failed", $"the device rejected or did not complete the write: {ex.Message}");
        }

        Record(context, key, shown, "ok", null, null);
        Log.Written(_logger, key, shown, context.Who);
        return CommandResult.Of(w =>
        {
            w.WriteString("point", key);
            if (point.Config.Type == PointType.Bool)
            {
                w.WriteBoolean("value", value != 0);
            }
            else
            {
                w.WriteNumber("value", value);
            }

            w.WriteBoolean("written", true);
        });
    }

    private static double? ReadValue(PointInfo point, JsonElement? raw)
    {
        if (raw is not { } v)
        {
            return null;
        }

        if (point.Config.Type == PointType.Bool)
        {
            return v.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number when v.TryGetDouble(out var d) && d is 0 or 1 => d,
                _ => null,
            };
        }

        if (point.Config.Type == PointType.String)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;
    }

    private static string? RawRangeProblem(PointInfo point, double value)
    {
        var raw = Math.Round(point.Config.ToRaw(value), 6);
        (double Lo, double Hi) range = point.Config.Type switch
        {
            PointType.Int16 => (short.MinValue, short.MaxValue),
            PointType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            PointType.Int32 => (int.MinValue, int.MaxValue),
            PointType.UInt32 => (uint.MinValue, uint.MaxValue),
            PointType.Int64 => (long.MinValue, long.MaxValue),
            PointType.UInt64 or PointType.Counter => (0d, ulong.MaxValue),
            PointType.Float32 => (-float.MaxValue, float.MaxValue),
            _ => (double.MinValue, double.MaxValue),
        };
        var (lo, hi) = range;
        return raw < lo || raw > hi
            ? $"{value.ToString(CultureInfo.InvariantCulture)} is raw {raw.ToString(CultureInfo.InvariantCulture)}, outside the range of {point.Config.Type.ToName()} ({lo.ToString(CultureInfo.InvariantCulture)}..{hi.ToString(CultureInfo.InvariantCulture)})"
            : null;
    }

    private bool TryReserve(PointInfo point, TimeSpan? minInterval, DateTime now, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        lock (_lastAccepted)
        {
            if (minInterval is { } interval && _lastAccepted.TryGetValue(point.Index, out var last) && now - last < interval)
            {
                wait = interval - (now - last);
                return false;
            }

            _lastAccepted[point.Index] = now;
            return true;
        }
    }

    private CommandException Deny(CommandContext context, string key, string value, string code, string reason) =>
        Record(context, key, value, "denied", code, reason);

    private CommandException Record(CommandContext context, string key, string value, string result, string? code, string? reason)
    {
        var entry = _rt.Outbox.Audit.Append(new AuditEntry(context.Received, context.Who, "write", key, value, result, reason));
        _events.Publish("write", w =>
        {
            w.WriteNumber("auditId", entry.Id);
            w.WriteString("who", entry.Who);
            w.WriteString("transport", context.Transport);
            w.WriteString("point", key);
            w.WriteString("value", value);
            w.WriteString("result", result);
            if (reason is not null)
            {
                w.WriteString("reason", reason);
            }
        });
        if (reason is not null)
        {
            Log.NotWritten(_logger, key, value, context.Who, result, reason);
        }

        return new CommandException(code ?? "failed", reason ?? string.Empty);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Wrote {Value} to {Point} for {Who}")]
        public static partial void Written(ILogger logger, string point, string value, string who);

        [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "Write of {Value} to {Point} for {Who} {Result}: {Reason}")]
        public static partial void NotWritten(ILogger logger, string point, string value, string who, string result, string reason);
    }
}
