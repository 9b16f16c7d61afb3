using EdgeTwin.Gateway.Http.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <summary>A response of ready-made JSON bytes with a status code.</summary>
/// <param name="Body">UTF-8 JSON.</param>
/// <param name="StatusCode">HTTP status.</param>
public sealed record JsonResult(byte[] Body, int StatusCode) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ApiJson.ContentType;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = Body.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }
}
