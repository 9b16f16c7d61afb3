namespace EdgeTwin.Uplink.Commands;

/// <summary>Executes commands; implemented by the gateway's command router. Must never throw for a bad command.</summary>
public interface ICommandDispatcher
{
    /// <summary>Runs <paramref name="command"/> and returns the JSON response body (ok or error).</summary>
    Task<byte[]> DispatchAsync(CommandEnvelope command, CancellationToken cancellationToken = default);
}
