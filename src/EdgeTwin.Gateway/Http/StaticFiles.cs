using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace EdgeTwin.Gateway.Http;

/// <summary>
/// The operator page: files embedded in the executable (Http/wwwroot, resource names <c>wwwroot/...</c>), served with
/// an ETag and a content security policy that allows nothing but this gateway (no CDN, no external fonts, no inline
/// script), so the page works offline and runs only the daemon's own JavaScript.
/// </summary>
public sealed class StaticFiles
{
    /// <summary>Prefix of the embedded resource names.</summary>
    public const string ResourcePrefix = "wwwroot/";

    /// <summary>The policy sent with every page file.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private readonly Dictionary<string, Entry> _files;

    private StaticFiles(Dictionary<string, Entry> files) => _files = files;

    /// <summary>Request paths of the embedded files ("/", "/app.js", ...).</summary>
    public IReadOnlyCollection<string> Paths => _files.Keys;

    /// <summary>Loads every embedded <c>wwwroot/</c> resource of <paramref name="assembly"/> (default: this executable).</summary>
    public static StaticFiles Load(Assembly? assembly = null)
    {
        assembly ??= typeof(StaticFiles).Assembly;
        var files = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var path = "/" + name[ResourcePrefix.Length..].Replace('\\', '/');
            var type = Types.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            files[path] = new Entry(bytes, type, etag);
            if (path == "/index.html")
            {
                files["/"] = files[path];
            }
        }

        return new StaticFiles(files);
    }

    /// <summary>True for paths that name page files (open to everyone; they carry no plant data).</summary>
    public static bool IsStaticPath(string path) =>
        path == "/" || (!path.StartsWith("/api/", StringComparison.Ordinal) && Path.HasExtension(path) && !path.Contains("..", StringComparison.Ordinal));

    /// <summary>Serves <paramref name="path"/>; false when no such file is embedded.</summary>
    public async Task<bool> TryServeAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_files.TryGetValue(path, out var file))
        {
            return false;
        }

        var response = context.Response;
        response.Headers.ETag = file.ETag;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Headers.IfNoneMatch == file.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        response.ContentType = file.ContentType;
        response.ContentLength = file.Bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(file.Bytes, context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    private sealed record Entry(byte[] Bytes, string ContentType, string ETag);
}
