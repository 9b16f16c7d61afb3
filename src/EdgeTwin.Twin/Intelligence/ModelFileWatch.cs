using EdgeTwin.Models.Errors;
using EdgeTwin.Models.Manifest;

namespace EdgeTwin.Twin.Intelligence;

/// <summary>
/// Watches the files of the model in service (the <c>.onnx</c> and its manifest) for a replacement copied over them:
/// checked every <see cref="Interval"/>, loaded in the background once unchanged for <see cref="SettleTime"/>, and
/// handed back on the pipeline thread by <see cref="Poll"/> as loaded or rejected. Shared by the anomaly and failure
/// runners so that both swap models the same way.
/// </summary>
/// <typeparam name="T">The loaded, validated model.</typeparam>
internal sealed class ModelFileWatch<T> : IDisposable
    where T : class, IDisposable
{
    /// <summary>How often the model files are checked for a replacement dropped over them.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>A dropped file is loaded only once it has not changed for this long (the copy is complete).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private readonly Func<string, T> _load;
    private string? _path;
    private DateTime _stamp;
    private DateTime _lastCheck;
    private Task<T>? _loading;
    private string? _loadingPath;

    /// <summary>Creates the watch.</summary>
    /// <param name="load">Loads and validates a model file (runs on a pool thread); throws on an unusable model.</param>
    public ModelFileWatch(Func<string, T> load) => _load = load;

    /// <summary>The file watched, or null.</summary>
    public string? Path => _path;

    /// <summary>True when the exception means an unusable model file (rather than a bug).</summary>
    public static bool IsModelError(Exception ex) =>
        ex is ModelException or IOException or UnauthorizedAccessException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

    /// <summary>The later write time of a model file and its manifest; <see cref="DateTime.MinValue"/> when neither exists.</summary>
    public static DateTime Stamp(string onnxPath)
    {
        var manifest = ExportedModel.ManifestPathFor(onnxPath);
        var a = File.Exists(onnxPath) ? File.GetLastWriteTimeUtc(onnxPath) : DateTime.MinValue;
        var b = File.Exists(manifest) ? File.GetLastWriteTimeUtc(manifest) : DateTime.MinValue;
        return a > b ? a : b;
    }

    /// <summary>Watches <paramref name="onnxPath"/> from now on; the files as they are now count as in service (null: watch nothing).</summary>
    public void Follow(string? onnxPath)
    {
        _path = onnxPath;
        _stamp = onnxPath is null ? DateTime.MinValue : Stamp(onnxPath);
    }

    /// <summary>
    /// Hands over a finished background load (the new model, or the rejected file with its error) and, every
    /// <see cref="Interval"/>, starts loading the watched file when it changed and has settled. Call on the owner's
    /// thread only; the owner puts a loaded model in service (and disposes it when it does not).
    /// </summary>
    public (T? Loaded, string? Rejected, Exception? Error) Poll(DateTime now)
    {
        (T?, string?, Exception?) outcome = default;
        if (_loading is { IsCompleted: true } loading)
        {
            _loading = null;
            outcome = loading.IsCompletedSuccessfully ? (loading.Result, null, null) : (null, _loadingPath, loading.Exception!.GetBaseException());
        }

        if (_loading is not null || _path is null || now - _lastCheck < Interval)
        {
            return outcome;
        }

        _lastCheck = now;
        var stamp = Stamp(_path);
        if (stamp == _stamp || stamp == DateTime.MinValue || DateTime.UtcNow - stamp < SettleTime)
        {
            return outcome;
        }

        _stamp = stamp;
        var path = _path;
        _loadingPath = path;
        _loading = Task.Run(() => _load(path));
        return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _loading?.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
}
