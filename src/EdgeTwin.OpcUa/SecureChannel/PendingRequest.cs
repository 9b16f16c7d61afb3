namespace EdgeTwin.OpcUa.SecureChannel;

/// <summary>A request waiting for its response, matched by request id.</summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<IEncodeable> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingRequest(uint requestId, string serviceName)
    {
        RequestId = requestId;
        ServiceName = serviceName;
    }

    public uint RequestId { get; }

    public string ServiceName { get; }

    public Task<IEncodeable> Task => _completion.Task;

    public void Complete(IEncodeable response) => _completion.TrySetResult(response);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
