namespace EdgeTwin.OpcUa;

/// <summary>An OPC UA failure carrying the status code that describes it (service fault, bad result, protocol error).</summary>
public class OpcUaException : Exception
{
    /// <summary>Creates an exception for a status code with an explanatory message.</summary>
    public OpcUaException(StatusCode statusCode, string message, Exception? innerException = null)
        : base($"{statusCode.Name}: {message}", innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception for a status code with its name as message.</summary>
    public OpcUaException(StatusCode statusCode)
        : base(statusCode.ToString())
    {
        StatusCode = statusCode;
    }

    /// <summary>The status code that describes the failure.</summary>
    public StatusCode StatusCode { get; }
}
