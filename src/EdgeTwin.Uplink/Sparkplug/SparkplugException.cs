namespace EdgeTwin.Uplink.Sparkplug;

/// <summary>Base of the Sparkplug exception family.</summary>
public class SparkplugException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SparkplugException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>A Sparkplug payload that is not valid protobuf or breaks a limit; the message names the field and offset.</summary>
public sealed class SparkplugFormatException : SparkplugException
{
    /// <summary>Creates the exception for <paramref name="field"/> at byte <paramref name="offset"/>.</summary>
    public SparkplugFormatException(string field, int offset, string problem)
        : base($"Sparkplug payload: {field} at byte {offset}: {problem}")
    {
        Field = field;
        Offset = offset;
    }

    /// <summary>Where in the payload (e.g. "metrics[2].name").</summary>
    public string Field { get; }

    /// <summary>Byte offset in the payload.</summary>
    public int Offset { get; }
}
