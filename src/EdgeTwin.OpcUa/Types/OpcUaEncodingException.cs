namespace EdgeTwin.OpcUa;

/// <summary>A value that cannot be encoded, or a message that would exceed a negotiated limit.</summary>
public sealed class OpcUaEncodingException : OpcUaException
{
    /// <summary>Creates an encoding exception.</summary>
    public OpcUaEncodingException(string message, uint statusCode = StatusCodes.BadEncodingError)
        : base(statusCode, message)
    {
    }
}
