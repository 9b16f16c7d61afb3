using EdgeTwin.Gateway.Http.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <content>The live feed of the page: server-sent events.</content>
public sealed partial class HttpApi
{
    /// <summary>Time between two live events.</summary>
    public static readonly TimeSpan EventInterval = TimeSpan.FromSeconds(1);

    /// <summary>Most event streams open at once.</summary>
    public const int MaxStreams = 16;

    /// <summary>Most points carried in each live event (a larger gateway's page asks /api/points per device).</summary>
    public const int MaxLivePoints = 500;

    private static readonly byte[] EventHead = "event: live\ndata: "u8.ToArray();
    private static readonly byte[] EventTail = "\n\n"u8.ToArray();
    private int _streams;

    /// <summary>
    /// <c>GET /api/events</c>: <c>text/event-stream</c> with one <c>live</c> event per second whose data is
    /// <c>{"status":{...as /api/status...},"assets":[...],"alarms":[...],"points":[...]}</c>.
    /// </summary>
    private async Task EventsAsync(HttpContext context)
    {
        if (Interlocked.Increment(ref _streams) > MaxStreams)
        {
            Interlocked.Decrement(ref _streams);
            await Error(StatusCodes.Status503ServiceUnavailable, $"more than {MaxStreams} live pages are open").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
            await response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), stop.Token).ConfigureAwait(false);
            using var timer = new PeriodicTimer(EventInterval, _rt.Time);
            do
            {
                var live = await _view.FreshAsync(stop.Token).ConfigureAwait(false);
                await response.Body.WriteAsync(EventHead, stop.Token).ConfigureAwait(false);
                await response.Body.WriteAsync(LivePayload(live), stop.Token).ConfigureAwait(false);
                await response.Body.WriteAsync(EventTail, stop.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The page went away or the gateway stops: the stream simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            Interlocked.Decrement(ref _streams);
        }
    }

    /// <summary>The data of one live event.</summary>
    internal byte[] LivePayload(LiveSnapshot live)
    {
        var now = Now;
        return ApiJson.Object(w =>
        {
            w.WriteStartObject("status");
            WriteStatus(w, live);
            w.WriteEndObject();
            w.WriteStartArray("assets");
            WriteAssets(w, live);
            w.WriteEndArray();
            w.WriteStartArray("alarms");
            foreach (var alarm in live.Alarms)
            {
                TwinJson.WriteAlarm(w, alarm);
            }

            w.WriteEndArray();
            if (_rt.Table.Points.Count <= MaxLivePoints)
            {
                w.WriteStartArray("points");
                WritePoints(w, live, -1, now);
                w.WriteEndArray();
            }
        });
    }
}
