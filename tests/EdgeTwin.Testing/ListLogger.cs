using Microsoft.Extensions.Logging;

namespace EdgeTwin.Testing;

/// <summary>Records log entries (event id, level, message) for assertions.</summary>
public sealed class ListLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<(int EventId, LogLevel Level, string Message)> _entries = [];

    /// <summary>What was logged so far, in order.</summary>
    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
