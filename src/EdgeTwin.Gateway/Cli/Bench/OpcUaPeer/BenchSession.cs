using EdgeTwin.OpcUa;
using EdgeTwin.OpcUa.Services;

namespace EdgeTwin.Gateway.Cli.Bench.OpcUaPeer;

/// <summary>A session of the bench peer: its subscriptions, the Publish requests it has queued and the messages waiting for them.</summary>
internal sealed class BenchSession
{
    /// <summary>Publish requests kept per session; the oldest is answered BadTooManyPublishRequests beyond this.</summary>
    public const int MaxPublishRequests = 10;

    /// <summary>Messages kept for want of a Publish request; the oldest is dropped beyond this (the client then sees a gap).</summary>
    public const int MaxReadyMessages = 100;

    /// <summary>Creates a session.</summary>
    public BenchSession(NodeId sessionId, NodeId authenticationToken, TimeSpan timeout, uint maxResponseMessageSize)
    {
        SessionId = sessionId;
        AuthenticationToken = authenticationToken;
        Timeout = timeout;
        MaxResponseMessageSize = maxResponseMessageSize;
    }

    /// <summary>The public session id.</summary>
    public NodeId SessionId { get; }

    /// <summary>The secret token of the requests.</summary>
    public NodeId AuthenticationToken { get; }

    /// <summary>How long the session survives without a connection.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The largest response the client accepts (0: no limit).</summary>
    public uint MaxResponseMessageSize { get; }

    /// <summary>True after ActivateSession.</summary>
    public bool Activated { get; set; }

    /// <summary>The connection the session is activated on (null after it closed).</summary>
    public BenchUaConnection? Connection { get; set; }

    /// <summary>When the session lost its connection.</summary>
    public DateTime DetachedAt { get; set; }

    /// <summary>The subscriptions by id.</summary>
    public Dictionary<uint, BenchSubscription> Subscriptions { get; } = [];

    /// <summary>Publish requests waiting for a message.</summary>
    public Queue<QueuedPublish> PublishRequests { get; } = new();

    /// <summary>Messages waiting for a Publish request.</summary>
    public Queue<ReadyMessage> Ready { get; } = new();
}

/// <summary>A Publish request held until a message is ready.</summary>
/// <param name="Connection">Where it came from.</param>
/// <param name="RequestId">Its request id on the channel.</param>
/// <param name="RequestHandle">Its request handle.</param>
/// <param name="Results">The results of its acknowledgements.</param>
internal sealed record QueuedPublish(BenchUaConnection Connection, uint RequestId, uint RequestHandle, IReadOnlyList<StatusCode> Results);

/// <summary>A response to send on a connection once the peer's lock is released.</summary>
/// <param name="Connection">Where to send it.</param>
/// <param name="RequestId">The request it answers.</param>
/// <param name="Response">The response.</param>
/// <param name="Notifications">Data change notifications in it.</param>
internal readonly record struct Outgoing(BenchUaConnection Connection, uint RequestId, IEncodeable Response, int Notifications);
