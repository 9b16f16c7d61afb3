namespace EdgeTwin.OpcUa;

/// <summary>Malformed or over-limit bytes received from the wire (BadDecodingError or BadEncodingLimitsExceeded).</summary>
public sealed class OpcUaDecodingException : OpcUaException
{
    /// <summary>Creates a decoding exception naming what was being decoded and where.</summary>
    public OpcUaDecodingException(string message, int position, uint statusCode = StatusCodes.BadDecodingError)
        : base(statusCode, $"{message} (at byte {position})")
    {
        Position = position;
    }

    /// <summary>The byte offset in the decoded buffer where the problem was found.</summary>
    public int Position { get; }
}
