namespace EdgeTwin.OpcUa.Services;

/// <summary>A service response: a structure that starts with a <see cref="Services.ResponseHeader"/>.</summary>
public interface IServiceResponse : IEncodeable
{
    /// <summary>The common response parameters.</summary>
    ResponseHeader ResponseHeader { get; }
}
