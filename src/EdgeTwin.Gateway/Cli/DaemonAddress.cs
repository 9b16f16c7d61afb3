using System.CommandLine;

namespace EdgeTwin.Gateway.Cli;

/// <summary>
/// The <c>--url</c> and <c>--token-file</c> options of the commands that talk to the running daemon's HTTP API
/// (<c>edgetwin status</c>, <c>edgetwin learn</c>), and their checking.
/// </summary>
internal sealed class DaemonAddress
{
    /// <summary>Base address of the HTTP API.</summary>
    public Option<string> Url { get; } = new("--url") { Description = "Base address of the gateway's HTTP API", DefaultValueFactory = _ => "http://127.0.0.1:8080" };

    /// <summary>File holding the access token.</summary>
    public Option<string?> TokenFile { get; } = new("--token-file") { Description = "File holding the access token (needed from another machine)" };

    /// <summary>Reads the address and token; on a bad address or an unreadable token file prints why and returns null.</summary>
    public async Task<(Uri BaseUri, string? Token)?> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(parse.GetValue(Url), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"--url: '{parse.GetValue(Url)}' is not an http(s) address").ConfigureAwait(false);
            return null;
        }

        if (parse.GetValue(TokenFile) is not { } file)
        {
            return (baseUri, null);
        }

        try
        {
            return (baseUri, (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"--token-file: cannot read '{file}': {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
