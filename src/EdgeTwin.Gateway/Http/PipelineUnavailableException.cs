namespace EdgeTwin.Gateway.Http;

/// <summary>The pipeline thread did not take a request in time, or too many requests wait for it.</summary>
public sealed class PipelineUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PipelineUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PipelineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
