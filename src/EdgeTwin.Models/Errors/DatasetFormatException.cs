namespace EdgeTwin.Models.Errors;

/// <summary>A dataset file (SKAB CSV, C-MAPSS text) could not be parsed; the message names the file and line.</summary>
public sealed class DatasetFormatException : ModelException
{
    /// <summary>Creates the exception.</summary>
    public DatasetFormatException(string path, int line, string message)
        : base($"{path}:{line}: {message}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }
}
