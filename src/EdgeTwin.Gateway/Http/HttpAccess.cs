using System.Net;
using System.Security.Cryptography;
using System.Text;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Http.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// Who may do what over HTTP. The page's static files and <c>/healthz</c> are open. Reading (the API, metrics,
/// readiness) is open to loopback clients and needs the access token from anywhere else (only possible when bound
/// beyond loopback, which the configuration allows only with a token). Changing something (POST) needs the token
/// whenever one is configured, and without one is allowed to loopback clients only; it must carry a JSON body type
/// and, when the browser names an origin, come from the page itself, so that another web site cannot post to it.
/// While bound to loopback, a request must name a loopback host (a defence against DNS rebinding).
/// </summary>
public sealed class HttpAccess
{
    /// <summary>Shortest token accepted.</summary>
    public const int MinTokenLength = 16;

    private readonly byte[]? _tokenHash;

    private HttpAccess(string listen, byte[]? tokenHash)
    {
        _tokenHash = tokenHash;
        var colon = listen.LastIndexOf(':');
        Host = listen[..colon];
        Port = int.Parse(listen.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        LoopbackOnly = IsLoopbackName(Host);
    }

    /// <summary>Host (name or address) to bind.</summary>
    public string Host { get; }

    /// <summary>Port to bind (0: any free port).</summary>
    public int Port { get; }

    /// <summary>True when bound to loopback only.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>True when an access token is configured.</summary>
    public bool HasToken => _tokenHash is not null;

    /// <summary>Reads the token file of <paramref name="config"/>, if any.</summary>
    /// <exception cref="InvalidOperationException">The token file cannot be read or holds a token that is too short.</exception>
    public static HttpAccess Create(HttpConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        byte[]? hash = null;
        if (config.TokenFile is { } file)
        {
            string token;
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"http.tokenFile: cannot read '{file}': {ex.Message}", ex);
            }

            if (token.Length < MinTokenLength)
            {
                throw new InvalidOperationException($"http.tokenFile: the token in '{file}' has {token.Length} characters; at least {MinTokenLength} are required");
            }

            hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        }

        return new HttpAccess(config.Listen, hash);
    }

    /// <summary>True for 127.0.0.1 (any 127/8), ::1 and localhost.</summary>
    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The middleware: answers 401/403/415 itself, or passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var refusal = Check(context);
        if (refusal is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var (status, message) = refusal.Value;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"edgetwin\"";
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ApiJson.ContentType;
        await context.Response.Body.WriteAsync(ApiJson.Error(message), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Null when the request may go on, else the status code and the reason.</summary>
    public (int Status, string Message)? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var remote = context.Connection.RemoteIpAddress;
        var fromLoopback = remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
        if (LoopbackOnly && !IsLoopbackName(request.Host.Host))
        {
            return (StatusCodes.Status403Forbidden, $"host '{request.Host.Host}' is not this gateway: it serves loopback (127.0.0.1, localhost) only");
        }

        var path = request.Path.Value ?? "/";
        var write = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (!write)
        {
            if (fromLoopback || IsPublic(path))
            {
                return null;
            }

            return TokenProblem(request);
        }

        if (HasToken)
        {
            if (TokenProblem(request) is { } problem)
            {
                return problem;
            }
        }
        else if (!fromLoopback)
        {
            return (StatusCodes.Status403Forbidden, "changes are accepted from this machine only (no http.tokenFile is configured)");
        }

        if (request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), request))
        {
            return (StatusCodes.Status403Forbidden, $"requests from the web page at {origin} are not accepted");
        }

        if (!IsJson(request.ContentType))
        {
            return (StatusCodes.Status415UnsupportedMediaType, "send the request body as application/json (an empty body may be {})");
        }

        return null;
    }

    private static bool IsPublic(string path) => path == "/healthz" || StaticFiles.IsStaticPath(path);

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase));

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private (int, string)? TokenProblem(HttpRequest request)
    {
        if (_tokenHash is null)
        {
            return (StatusCodes.Status403Forbidden, "this gateway answers other machines only with an access token, and none is configured");
        }

        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status401Unauthorized, "this needs the access token: send 'Authorization: Bearer <token>' (the token is in the file http.tokenFile names)");
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _tokenHash)
            ? null
            : (StatusCodes.Status401Unauthorized, "the access token is wrong");
    }
}
