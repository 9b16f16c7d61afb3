namespace EdgeTwin.Models.Errors;

/// <summary>Base of the models library's exception family: a model, manifest or dataset could not be used.</summary>
public class ModelException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
