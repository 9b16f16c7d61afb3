using System.Text.Json;

namespace EdgeTwin.Gateway.Commands;

/// <summary>What a successful command answers: the members of the response's "result" object.</summary>
public sealed class CommandResult
{
    private CommandResult(Action<Utf8JsonWriter>? write) => Write = write;

    /// <summary>An empty result.</summary>
    public static CommandResult Empty { get; } = new(null);

    /// <summary>Writes the members of the result object, or null for none.</summary>
    public Action<Utf8JsonWriter>? Write { get; }

    /// <summary>A result whose members <paramref name="write"/> writes.</summary>
    public static CommandResult Of(Action<Utf8JsonWriter> write) => new(write);
}

/// <summary>Executes one command. Throw <see cref="CommandException"/> to answer with an error.</summary>
public delegate ValueTask<CommandResult> CommandHandler(CommandContext context, CancellationToken cancellationToken);

/// <summary>
/// A set of commands registered with the router at start-up. Register an implementation in DI
/// (<c>services.AddCommandModule&lt;MyCommands&gt;()</c>) and the router picks it up.
/// </summary>
public interface ICommandModule
{
    /// <summary>Registers this module's commands.</summary>
    void Register(CommandRouter router);
}
