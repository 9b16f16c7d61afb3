namespace EdgeTwin.OpcUa.Services;

/// <summary>A service request: a structure that starts with a <see cref="Services.RequestHeader"/>.</summary>
public interface IServiceRequest : IEncodeable
{
    /// <summary>The common request parameters; the client fills them in before sending.</summary>
    RequestHeader RequestHeader { get; set; }
}
