namespace EdgeTwin.Models.Runtime;

/// <summary>
/// Holds the model in service and swaps in a replacement only once it has loaded and validated: a failed
/// load leaves the current model untouched. Not thread-safe for concurrent scoring during a swap; the twin
/// engine (single reader) owns it.
/// </summary>
/// <typeparam name="T">A disposable model (scorer, predictor).</typeparam>
public sealed class ModelSlot<T> : IDisposable
    where T : class, IDisposable
{
    /// <summary>The model in service, or null.</summary>
    public T? Current { get; private set; }

    /// <summary>Runs <paramref name="load"/>; on success the new model replaces (and disposes) the old one.</summary>
    /// <param name="load">Loads and validates the candidate.</param>
    /// <param name="error">The load failure, if any; the old model then stays in service.</param>
    /// <returns>True when the new model is in service.</returns>
    public bool TryReplace(Func<T> load, out Exception? error)
    {
        T next;
        try
        {
            next = load();
        }
        catch (Exception ex) when (ex is Errors.ModelException or IOException or UnauthorizedAccessException)
        {
            error = ex;
            return false;
        }

        T? old = Current;
        Current = next;
        old?.Dispose();
        error = null;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Current?.Dispose();
        Current = null;
    }
}
