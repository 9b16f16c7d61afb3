namespace EdgeTwin.OpcUa;

/// <summary>A certificate was rejected (untrusted, invalid or unusable); the message says what to do about it.</summary>
public sealed class OpcUaCertificateException : OpcUaException
{
    /// <summary>Creates a certificate exception.</summary>
    public OpcUaCertificateException(StatusCode statusCode, string message, string? rejectedFile = null)
        : base(statusCode, message)
    {
        RejectedFile = rejectedFile;
    }

    /// <summary>The file the rejected certificate was copied to (move it into trusted/ to trust it), if any.</summary>
    public string? RejectedFile { get; }
}
