using EdgeTwin.Testing;

namespace EdgeTwin.Gateway.Tests.Uplink;

/// <summary>Failing waits carry the daemon's recent output, so a failure says what the gateway was doing.</summary>
internal static class GatewayDiagnostics
{
    public static async Task<T> Explained<T>(this Task<T> wait, PeerProcess gateway)
    {
        try
        {
            return await wait;
        }
        catch (TimeoutException ex)
        {
            var output = gateway.Output;
            throw new TimeoutException(ex.Message + "\n--- gateway output (tail) ---\n" + output[Math.Max(0, output.Length - 6000)..], ex);
        }
    }
}
