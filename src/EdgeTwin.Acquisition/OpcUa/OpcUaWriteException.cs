namespace EdgeTwin.Acquisition.OpcUa;

/// <summary>A write to an OPC UA point could not be done (not connected, value out of the node's range, or refused).</summary>
public sealed class OpcUaWriteException : Exception
{
    /// <summary>Creates the exception with a message naming the point and the reason.</summary>
    public OpcUaWriteException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
