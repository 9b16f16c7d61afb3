using System.Text.Json;
using EdgeTwin.Uplink.Commands;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Commands;

/// <summary>
/// The one place commands come back into the gateway (from MQTT, Sparkplug DCMD, the local API). Commands register
/// by name (<see cref="Register"/>, usually from an <see cref="ICommandModule"/>); the router parses the request,
/// runs the handler with a timeout and always answers: a result, or an error with a code and a clear message for
/// unknown commands, malformed bodies, denials, failures and bugs alike. Thread-safe.
/// </summary>
public sealed partial class CommandRouter : ICommandDispatcher
{
    /// <summary>Largest request body accepted.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>Longest a command may run before it is answered with a timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };
    private readonly Dictionary<string, (string Description, CommandHandler Handler)> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the router and lets every <paramref name="modules"/> register its commands.</summary>
    public CommandRouter(IEnumerable<ICommandModule> modules, ILogger<CommandRouter> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        foreach (var module in modules)
        {
            module.Register(this);
        }
    }

    /// <summary>Registered command names, sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_commands)
            {
                return _commands.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Registers <paramref name="name"/> (letters, digits, '-', '_'); a second registration of a name is a bug and throws.</summary>
    public void Register(string name, string description, CommandHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (name.Length is 0 or > CommandTopic.MaxLevelLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"command name '{name}' must be 1-{CommandTopic.MaxLevelLength} letters, digits, '-' or '_'", nameof(name));
        }

        lock (_commands)
        {
            if (!_commands.TryAdd(name, (description, handler)))
            {
                throw new InvalidOperationException($"command '{name}' is registered twice");
            }
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> DispatchAsync(CommandEnvelope command, CancellationToken cancellationToken = default)
    {
        var received = _time.GetUtcNow().UtcDateTime;
        string code, message;
        try
        {
            var result = await RunAsync(command, received, cancellationToken).ConfigureAwait(false);
            Log.Done(_logger, command.Name, command.Who, command.Transport);
            return CommandResponse.Ok(command.Name, command.RequestId, _time.GetUtcNow().UtcDateTime, result.Write);
        }
        catch (CommandException ex)
        {
            (code, message) = (ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            (code, message) = ("timeout", $"'{command.Name}' did not finish within {Timeout.TotalSeconds} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A handler bug: answered and logged, never a crash of the transport or the gateway.
            Log.HandlerFailed(_logger, ex, command.Name);
            (code, message) = ("internal", $"'{command.Name}' failed inside the gateway: {ex.Message}");
        }

        Log.Refused(_logger, command.Name, command.Who, code, message);
        return CommandResponse.Error(command.Name, command.RequestId, _time.GetUtcNow().UtcDateTime, code, message);
    }

    private async Task<CommandResult> RunAsync(CommandEnvelope command, DateTime received, CancellationToken cancellationToken)
    {
        CommandHandler handler;
        lock (_commands)
        {
            if (!_commands.TryGetValue(command.Name, out var entry))
            {
                throw new CommandException("unknown-command", $"unknown command '{command.Name}'; known: {string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal))}");
            }

            handler = entry.Handler;
        }

        using var document = Parse(command.Payload);
        var context = new CommandContext(command.Name.ToLowerInvariant(), command.RequestId, document.RootElement, command.Who, command.Transport, received);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        return await handler(context, timeout.Token).ConfigureAwait(false);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxRequestBytes)
        {
            throw CommandException.BadRequest($"the request body has {payload.Length} bytes; at most {MaxRequestBytes} are accepted");
        }

        if (payload.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return JsonDocument.Parse("{}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw CommandException.BadRequest($"the request body is not valid JSON: {ex.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw CommandException.BadRequest("the request body must be a JSON object");
        }

        return document;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Command {Name} from {Who} ({Transport}) done")]
        public static partial void Done(ILogger logger, string name, string who, string transport);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Command {Name} from {Who} answered with {Code}: {Message}")]
        public static partial void Refused(ILogger logger, string name, string who, string code, string message);

        [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Command {Name} failed inside its handler")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string name);
    }
}
