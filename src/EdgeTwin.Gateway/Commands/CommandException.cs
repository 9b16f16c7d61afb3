namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// A command that cannot be carried out, with a machine-readable code; the router answers it as an error response.
/// Handlers throw it for bad arguments, denials and failures.
/// </summary>
public sealed class CommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>bad-request, unknown-command, denied, failed, timeout, not-supported, invalid-config, internal.</summary>
    public string Code { get; }

    /// <summary>The request is malformed (missing or wrong-typed arguments).</summary>
    public static CommandException BadRequest(string message) => new("bad-request", message);

    /// <summary>The request is understood but not allowed.</summary>
    public static CommandException Denied(string message) => new("denied", message);
}
